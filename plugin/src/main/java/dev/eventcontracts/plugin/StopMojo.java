package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.lifecycle.HarnessEnvironment;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops what {@code start} started for this project and removes {@code endpoints.properties}.
 * Runs after failing tests too, as long as failsafe's {@code integration-test} goal (which does
 * not fail the build) runs the tests and the {@code verify} phase judges them.
 */
@Mojo(name = StopMojo.GOAL, defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractEventContractsMojo {

    /** The goal name. */
    public static final String GOAL = "stop";

    /**
     * Skips only this goal; the broker then stops when Maven's JVM exits.
     *
     * <pre>{@code
     * <skipStop>true</skipStop>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.stop.skip", defaultValue = "false")
    private boolean skipStop;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipStop;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipStop>/eventcontracts.stop.skip";
    }

    @Override
    protected void executeGoal() {
        Object value = project().getContextValue(StartMojo.CONTEXT_KEY);
        if (!(value instanceof HarnessEnvironment environment) || environment.isClosed()) {
            getLog().info("event-contracts: nothing to stop (start did not run for "
                    + project().getArtifactId() + " in this build)");
            return;
        }
        environment.close();
        project().setContextValue(StartMojo.CONTEXT_KEY, null);
        environment
                .endpoints()
                .asProperties()
                .keySet()
                .forEach(key -> project().getProperties().remove(key));
        getLog().info("event-contracts: stopped " + StartMojo.describe(environment) + " ("
                + String.join(", ", environment.endpoints().asProperties().keySet()) + " removed)");
    }
}
