package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.lifecycle.EnvironmentConfig;
import dev.eventcontracts.plugin.lifecycle.HarnessEnvironment;
import java.io.IOException;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts the harness broker and the embedded registry on free ports before the integration tests,
 * sets the project properties {@code eventcontracts.amqp.uri}, {@code eventcontracts.admin.uri} (the
 * broker's admin HTTP API) and {@code eventcontracts.registry.uri} (pass them to failsafe with
 * {@code <systemPropertyVariables>}) and writes {@code target/event-contracts/endpoints.properties}.
 * When the module has {@code @KafkaListener} consumers (or {@code <kafka>true</kafka>}), a real
 * Apache Kafka broker starts too and {@code eventcontracts.kafka.bootstrap} is set (docs/kafka.md).
 * {@code stop} shuts it down; a JVM shutdown hook does too if the build ends before {@code stop}.
 */
@Mojo(name = StartMojo.GOAL, defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractEnvironmentMojo {

    /** The goal name. */
    public static final String GOAL = "start";

    /** Where the running environment is kept between {@code start} and {@code stop}: the project's context. */
    static final String CONTEXT_KEY = "dev.eventcontracts.plugin.environment";

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
                    + " without stop in between; closing the first " + describe(running) + ".");
            running.close();
        }
        EnvironmentConfig config = environmentConfig();
        if (previous instanceof HarnessEnvironment running
                && config.kafkaBootstrap() != null
                && config.kafkaBootstrap().equals(running.endpoints().kafkaBootstrap())) {
            // the property the first start exported, not a user's external cluster
            config = config.withoutKafkaBootstrap();
        }
        HarnessEnvironment environment = HarnessEnvironment.start(config);
        project().setContextValue(CONTEXT_KEY, environment);
        Map<String, String> properties = environment.endpoints().asProperties();
        properties.forEach((key, value) -> project().getProperties().setProperty(key, value));
        getLog().info("event-contracts: started " + describe(environment) + " ("
                + String.join(", ", properties.keySet()) + " set; " + display(config.endpointsFile()) + ")");
    }

    static String describe(HarnessEnvironment environment) {
        String registry = environment.endpoints().registryUri();
        String kafka = environment.kafkaDescription();
        return "harness broker at " + environment.endpoints().amqpUri()
                + (registry == null ? "" : " and embedded registry at " + registry)
                + (kafka == null ? "" : " and " + kafka);
    }

    private String display(java.nio.file.Path path) {
        return projectDirectory()
                .toAbsolutePath()
                .relativize(path.toAbsolutePath())
                .toString()
                .replace('\\', '/');
    }
}
