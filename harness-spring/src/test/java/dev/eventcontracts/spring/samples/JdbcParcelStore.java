package dev.eventcontracts.spring.samples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The parcels in a database table keyed by parcel id: the insert is the duplicate check, so a
 * restarted service and a second instance on the same database both see what was stored.
 */
public final class JdbcParcelStore implements ParcelStore {

    private final DataSource dataSource;

    public JdbcParcelStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS parcels (parcel_id VARCHAR(200) PRIMARY KEY)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean add(String parcelId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO parcels (parcel_id) VALUES (?)")) {
            s.setString(1, parcelId);
            s.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException duplicate) {
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void remove(String parcelId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM parcels WHERE parcel_id = ?")) {
            s.setString(1, parcelId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The insert and the effect in one transaction: committed only when the effect succeeded. */
    @Override
    public boolean addThen(String parcelId, Runnable effect) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO parcels (parcel_id) VALUES (?)")) {
                s.setString(1, parcelId);
                s.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException duplicate) {
                c.rollback();
                return false;
            }
            try {
                effect.run();
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored parcel ids, sorted: the state a contract test may snapshot. */
    public List<String> snapshot() {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT parcel_id FROM parcels ORDER BY parcel_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /**
     * An H2 database in this JVM named after the broker the service connects to: every instance
     * of one test's service shares it (like an external database), each test has its own.
     */
    public static DataSource sharedDatabase(String brokerAddresses) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:parcels-" + brokerAddresses.replaceAll("[^A-Za-z0-9]", "_") + ";DB_CLOSE_DELAY=-1");
        return ds;
    }
}
