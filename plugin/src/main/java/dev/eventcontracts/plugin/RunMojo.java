package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.lifecycle.EnvironmentConfig;
import dev.eventcontracts.plugin.lifecycle.HarnessEnvironment;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the harness broker in the foreground for local development, prints its URI and the
 * endpoints file, and keeps it up until Ctrl-C: {@code mvn event-contracts:run
 * -Deventcontracts.amqpPort=5672}. With {@code -Deventcontracts.kafka=true} (or Kafka consumers
 * discovered) it serves a real Kafka broker too and prints its {@code eventcontracts.kafka.bootstrap}.
 */
@Mojo(name = RunMojo.GOAL, threadSafe = true, requiresProject = false)
public class RunMojo extends AbstractEnvironmentMojo {

    /** The goal name. */
    public static final String GOAL = "run";

    /**
     * Stops the services after this many seconds instead of waiting for Ctrl-C; 0 (default) waits
     * for Ctrl-C. Useful for scripted smoke tests.
     *
     * <pre>{@code
     * mvn event-contracts:run -Deventcontracts.run.seconds=30
     * }</pre>
     */
    @Parameter(property = "eventcontracts.run.seconds", defaultValue = "0")
    private long runSeconds;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipRun>true</skipRun>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.run.skip", defaultValue = "false")
    private boolean skipRun;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipRun;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipRun>/eventcontracts.run.skip";
    }

    @Override
    protected void executeGoal() throws IOException, MojoExecutionException {
        EnvironmentConfig config = environmentConfig();
        try (HarnessEnvironment environment = HarnessEnvironment.start(config)) {
            getLog().info("event-contracts: running " + StartMojo.describe(environment)
                    + (runSeconds > 0 ? " for " + runSeconds + " s" : "; press Ctrl-C to stop"));
            environment.endpoints().asProperties().forEach((k, v) -> getLog().info("  " + k + "=" + v));
            environment.awaitClose(runSeconds > 0 ? runSeconds : Long.MAX_VALUE, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("event-contracts: run was interrupted", e);
        }
    }
}
