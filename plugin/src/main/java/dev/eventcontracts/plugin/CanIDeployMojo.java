package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.deploy.CanIDeployGate;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Answers "can this service version be deployed to this environment?" in both directions: its
 * writer schemas against the consumer readers deployed there, and its consumers' readers against
 * the writers deployed there (Avro's reader/writer rules). Prints the matrix (service × version ×
 * subject × verdict), writes {@code target/event-contracts/can-i-deploy.json} (shown in the {@code
 * verify} report), and fails the build when a pair breaks, naming the consumer, the field, where
 * its code reads it, and the fix on either side. Not bound by default: run it as the CI gate
 * before deploying.
 *
 * <pre>{@code
 * mvn event-contracts:can-i-deploy -Deventcontracts.environment=production
 * }</pre>
 */
@Mojo(name = CanIDeployMojo.GOAL, threadSafe = true)
public class CanIDeployMojo extends AbstractContractsMojo {

    /** The goal name. */
    public static final String GOAL = "can-i-deploy";

    /**
     * The environment to deploy to. Required.
     *
     * <pre>{@code
     * <environment>production</environment>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.environment")
    private String environment;

    /**
     * The subjects this service writes. Default: every subject of the schema directory that none
     * of its consumers reads.
     *
     * <pre>{@code
     * <producedSubjects><subject>shop.OrderPlaced</subject></producedSubjects>
     * }</pre>
     */
    @Parameter
    private List<String> producedSubjects;

    /**
     * Whether a breaking pair fails the build. With {@code false} the matrix is logged and
     * reported only. Default: {@code true}.
     *
     * <pre>{@code
     * <failOnBreak>false</failOnBreak>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.failOnBreak", defaultValue = "true")
    private boolean failOnBreak;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipCanIDeploy>true</skipCanIDeploy>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.canIDeploy.skip", defaultValue = "false")
    private boolean skipCanIDeploy;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipCanIDeploy;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipCanIDeploy>/eventcontracts.canIDeploy.skip";
    }

    @Override
    protected void executeGoal() throws IOException, MojoFailureException {
        CanIDeployGate.Outcome outcome = new CanIDeployGate().run(deployConfig(environment, producedSubjects));
        outcome.notes().forEach(getLog()::warn);
        String text = "event-contracts: " + outcome.matrix().toText();
        if (outcome.deployable()) {
            for (String line : text.split("\\R")) {
                getLog().info(line);
            }
            return;
        }
        if (failOnBreak) {
            throw new MojoFailureException(text);
        }
        for (String line : text.split("\\R")) {
            getLog().warn(line);
        }
    }
}
