package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.schemas.CheckOutcome;
import dev.eventcontracts.plugin.schemas.CompatibilityCheck;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the project's Avro schemas against their subjects' registered history under the
 * configured level, before compile. A subject with no history passes as its first version. Fails
 * with every incompatibility: file, field path, version and fix. Writes
 * {@code target/event-contracts/compatibility.json} for the {@code verify} gate.
 */
@Mojo(name = CheckCompatibilityMojo.GOAL, defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class CheckCompatibilityMojo extends AbstractSchemaMojo {

    /** The goal name. */
    public static final String GOAL = "check-compatibility";

    /**
     * Whether an incompatible schema fails the build here. With {@code false} the incompatibilities
     * are logged as warnings and the {@code verify} gate judges them with everything else.
     * Default: {@code true}.
     *
     * <pre>{@code
     * <failOnIncompatible>false</failOnIncompatible>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.failOnIncompatible", defaultValue = "true")
    private boolean failOnIncompatible;

    /**
     * With {@code CONSUMERS} in {@code level}: check against the consumer readers deployed in this
     * environment (recorded by {@code record-deployment}) instead of the latest reader of each
     * consumer service.
     *
     * <pre>{@code
     * mvn verify -Deventcontracts.level=BACKWARD+CONSUMERS -Deventcontracts.environment=production
     * }</pre>
     */
    @Parameter(property = "eventcontracts.environment")
    private String environment;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipCheckCompatibility>true</skipCheckCompatibility>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.checkCompatibility.skip", defaultValue = "false")
    private boolean skipCheckCompatibility;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipCheckCompatibility;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipCheckCompatibility>/eventcontracts.checkCompatibility.skip";
    }

    @Override
    protected void executeGoal() throws IOException, MojoFailureException {
        CheckOutcome outcome = new CompatibilityCheck().run(checkConfig(), environment);
        getLog().info(outcome.summaryLine());
        if (outcome.compatible()) {
            return;
        }
        if (failOnIncompatible) {
            throw new MojoFailureException(outcome.failureMessage());
        }
        for (String line : outcome.failureMessage().split("\\R")) {
            getLog().warn(line);
        }
    }
}
