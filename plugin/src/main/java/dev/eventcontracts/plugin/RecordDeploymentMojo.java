package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.deploy.DeploymentRecording;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records that this service version runs in an environment: its consumer contracts (reader
 * schemas and the fields its code reads) and the writer schemas it produces, in the registry's
 * {@code event-contracts.deployments} group (artifact = the environment). {@code can-i-deploy}
 * and {@code check-compatibility -Deventcontracts.environment=…} read it. Not bound by default:
 * run it from the deployment pipeline after a successful deployment.
 *
 * <pre>{@code
 * mvn event-contracts:record-deployment -Deventcontracts.environment=production
 * }</pre>
 */
@Mojo(name = RecordDeploymentMojo.GOAL, threadSafe = true)
public class RecordDeploymentMojo extends AbstractContractsMojo {

    /** The goal name. */
    public static final String GOAL = "record-deployment";

    /**
     * The environment this service version now runs in. Required.
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
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipRecordDeployment>true</skipRecordDeployment>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.recordDeployment.skip", defaultValue = "false")
    private boolean skipRecordDeployment;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipRecordDeployment;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipRecordDeployment>/eventcontracts.recordDeployment.skip";
    }

    @Override
    protected void executeGoal() throws IOException {
        List<String> lines = new DeploymentRecording().run(deployConfig(environment, producedSubjects));
        for (int i = 0; i < lines.size() - 1; i++) {
            getLog().warn(lines.get(i));
        }
        getLog().info(lines.get(lines.size() - 1));
    }
}
