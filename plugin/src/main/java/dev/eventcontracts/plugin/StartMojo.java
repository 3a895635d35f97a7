package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.lifecycle.EnvironmentConfig;
import dev.eventcontracts.plugin.lifecycle.HarnessEnvironment;
import java.io.IOException;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts the harness broker on a free port before the integration tests, sets the project
 * property {@code eventcontracts.amqp.uri} (pass it to failsafe with {@code
 * <systemPropertyVariables>}) and writes {@code target/event-contracts/endpoints.properties}.
 * {@code stop} shuts it down; a JVM shutdown hook does too if the build ends before {@code stop}.
 */
@Mojo(name = StartMojo.GOAL, defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractEventContractsMojo {

    /** The goal name. */
    public static final String GOAL = "start";

    /** Where the running environment is kept between {@code start} and {@code stop}: the project's context. */
    static final String CONTEXT_KEY = "dev.eventcontracts.plugin.environment";

    /**
     * The broker's AMQP port. Default: 0, a free port chosen at start (the URI is exported, so
     * tests never need a fixed port).
     *
     * <pre>{@code
     * <amqpPort>0</amqpPort>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.amqpPort")
    private Integer amqpPort;

    /**
     * The address the broker binds. Default: {@code 127.0.0.1} (loopback only).
     *
     * <pre>{@code
     * <bindAddress>127.0.0.1</bindAddress>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.bindAddress")
    private String bindAddress;

    /**
     * Skips only this goal (and so the tests get no broker from this plugin).
     *
     * <pre>{@code
     * <skipStart>true</skipStart>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.start.skip", defaultValue = "false")
    private boolean skipStart;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipStart;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipStart>/eventcontracts.start.skip";
    }

    @Override
    protected void executeGoal() throws IOException {
        Object previous = project().getContextValue(CONTEXT_KEY);
        if (previous instanceof HarnessEnvironment running && !running.isClosed()) {
            getLog().warn("event-contracts: start ran twice for " + project().getArtifactId()
                    + " without stop in between; closing the first broker ("
                    + running.endpoints().amqpUri() + ").");
            running.close();
        }
        EnvironmentConfig config = new EnvironmentConfig(buildDirectory(), amqpPort, bindAddress);
        HarnessEnvironment environment = HarnessEnvironment.start(config);
        project().setContextValue(CONTEXT_KEY, environment);
        Map<String, String> properties = environment.endpoints().asProperties();
        properties.forEach((key, value) -> project().getProperties().setProperty(key, value));
        getLog().info("event-contracts: harness broker started at "
                + environment.endpoints().amqpUri() + " (" + String.join(", ", properties.keySet()) + " set; "
                + display(config.endpointsFile()) + ")");
    }

    private String display(java.nio.file.Path path) {
        return projectDirectory()
                .toAbsolutePath()
                .relativize(path.toAbsolutePath())
                .toString()
                .replace('\\', '/');
    }
}
