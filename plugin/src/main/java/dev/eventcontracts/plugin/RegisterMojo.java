package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.deploy.ContractRecording;
import dev.eventcontracts.plugin.schemas.RegisterOutcome;
import dev.eventcontracts.plugin.schemas.Registration;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Registers the project's changed schemas as new versions of their subjects, in the committed file
 * store or a remote Apicurio Registry. A schema whose canonical form equals its subject's latest
 * version is not a new version (reformatting changes nothing). Refuses to register anything when
 * one schema is incompatible, with the same diagnostics as {@code check-compatibility}. Not bound
 * by default; bind it, e.g., to {@code deploy}.
 *
 * <p>It also records a consumer contract for each consumer of the project (its subject, reader
 * schema and the fields its code reads, with file:line) in the {@code event-contracts.consumers}
 * group, which producers check against with the {@code CONSUMERS} level.
 */
@Mojo(name = RegisterMojo.GOAL, threadSafe = true)
public class RegisterMojo extends AbstractContractsMojo {

    /** The goal name. */
    public static final String GOAL = "register";

    /**
     * Check and report what would be registered, without writing. Default: {@code false}.
     *
     * <pre>{@code
     * mvn event-contracts:register -Deventcontracts.dryRun
     * }</pre>
     */
    @Parameter(property = "eventcontracts.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * Whether to record the project's consumer contracts too. Default: {@code true}.
     *
     * <pre>{@code
     * <registerConsumerContracts>false</registerConsumerContracts>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registerConsumerContracts", defaultValue = "true")
    private boolean registerConsumerContracts;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipRegister>true</skipRegister>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.register.skip", defaultValue = "false")
    private boolean skipRegister;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipRegister;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipRegister>/eventcontracts.register.skip";
    }

    @Override
    protected void executeGoal() throws IOException {
        RegisterOutcome outcome = new Registration().run(checkConfig(), dryRun);
        getLog().info(outcome.summaryLine());
        if (registerConsumerContracts) {
            List<String> lines = new ContractRecording().run(deployConfig(null, null), dryRun);
            for (int i = 0; i < lines.size() - 1; i++) {
                getLog().warn(lines.get(i));
            }
            getLog().info(lines.get(lines.size() - 1));
        }
    }
}
