package dev.eventcontracts.spring.internal;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The service's durable state as an effect, when the service names it (docs/service-mode.md,
 * effects): {@code eventcontracts.state.bean=<bean>[#<method>]} calls a no-argument snapshot
 * method of a bean (default {@code snapshot}); {@code eventcontracts.state.query=<SQL>} runs a
 * query on the service's {@code DataSource} (the one named by {@code
 * eventcontracts.state.datasource}, else the only one) and takes its rows. Read from the current
 * primary instance, so a restarted context is asked again.
 */
final class StateProbe {

    /** Property naming the state bean and its snapshot method. */
    static final String BEAN_PROPERTY = "eventcontracts.state.bean";

    /** Property holding the SQL query whose rows are the state. */
    static final String QUERY_PROPERTY = "eventcontracts.state.query";

    /** Property naming the {@code DataSource} bean of the query. */
    static final String DATASOURCE_PROPERTY = "eventcontracts.state.datasource";

    private final Supplier<ConfigurableApplicationContext> context;

    StateProbe(Supplier<ConfigurableApplicationContext> context) {
        this.context = context;
    }

    /** Whether the service names its state. */
    boolean configured() {
        Environment env = context.get().getEnvironment();
        return env.containsProperty(BEAN_PROPERTY) || env.containsProperty(QUERY_PROPERTY);
    }

    /** What the state is, as messages say it. */
    String describe() {
        Environment env = context.get().getEnvironment();
        if (env.containsProperty(BEAN_PROPERTY)) {
            return "no change of the state " + BEAN_PROPERTY + "=" + env.getProperty(BEAN_PROPERTY);
        }
        if (env.containsProperty(QUERY_PROPERTY)) {
            return "no change of the state " + QUERY_PROPERTY + "=" + env.getProperty(QUERY_PROPERTY);
        }
        return "no state named (" + BEAN_PROPERTY + " or " + QUERY_PROPERTY + ")";
    }

    /**
     * The state now, or null when none is named.
     *
     * @throws IllegalStateException naming the property, the bean or query, and the fix
     */
    Object snapshot() {
        ConfigurableApplicationContext ctx = context.get();
        Environment env = ctx.getEnvironment();
        String bean = env.getProperty(BEAN_PROPERTY);
        if (bean != null && !bean.isBlank()) {
            return fromBean(ctx, bean.trim());
        }
        String query = env.getProperty(QUERY_PROPERTY);
        if (query != null && !query.isBlank()) {
            return fromQuery(ctx, env.getProperty(DATASOURCE_PROPERTY, ""), query.trim());
        }
        return null;
    }

    private static Object fromBean(ConfigurableApplicationContext ctx, String spec) {
        int hash = spec.indexOf('#');
        String name = hash < 0 ? spec : spec.substring(0, hash);
        String method = hash < 0 ? "snapshot" : spec.substring(hash + 1);
        if (!ctx.containsBean(name)) {
            throw new IllegalStateException(BEAN_PROPERTY + "='" + spec + "': the service has no bean '" + name
                    + "'. Name a bean of the service and its no-argument snapshot method, e.g. parcelStore#snapshot.");
        }
        Object target = ctx.getBean(name);
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(BEAN_PROPERTY + "='" + spec + "': bean '" + name + "' ("
                    + target.getClass().getName() + ") has no public no-argument method '" + method
                    + "'. Add one that returns the state (a list, map or record), or name another.");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    BEAN_PROPERTY + "='" + spec + "': calling " + name + "#" + method + " failed: " + e.getCause(), e);
        }
    }

    private static Object fromQuery(ConfigurableApplicationContext ctx, String dataSourceName, String query) {
        DataSource ds;
        if (!dataSourceName.isBlank()) {
            ds = ctx.getBean(dataSourceName, DataSource.class);
        } else {
            Map<String, DataSource> all = ctx.getBeansOfType(DataSource.class);
            if (all.size() != 1) {
                throw new IllegalStateException(QUERY_PROPERTY + " needs the service's DataSource, and it has "
                        + all.size() + " " + all.keySet() + ". Set " + DATASOURCE_PROPERTY + " to the bean's name.");
            }
            ds = all.values().iterator().next();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(
                            meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                            v == null ? null : String.valueOf(v));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    QUERY_PROPERTY + "='" + query + "' failed: " + e.getMessage()
                            + ". Fix the query (it runs on the service's DataSource after each scenario run).",
                    e);
        }
        return rows;
    }
}
