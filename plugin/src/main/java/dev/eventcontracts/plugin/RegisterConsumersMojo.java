package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.deploy.ContractRecording;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records only the consumer contracts of the project — for each consumer: the subject it reads,
 * its reader schema and the fields its code reads (file:line) — in the registry's {@code
 * event-contracts.consumers} group, without registering its schemas as subject versions. For
 * services that only consume; {@code register} records the contracts too. Producers check against
 * them with the {@code CONSUMERS} level.
 *
 * <pre>{@code
 * mvn event-contracts:register-consumers
 * }</pre>
 */
@Mojo(name = RegisterConsumersMojo.GOAL, threadSafe = true)
public class RegisterConsumersMojo extends AbstractContractsMojo {

    /** The goal name. */
    public static final String GOAL = "register-consumers";

    /**
     * Collect and report the contracts, without writing. Default: {@code false}.
     *
     * <pre>{@code
     * mvn event-contracts:register-consumers -Deventcontracts.dryRun
     * }</pre>
     */
    @Parameter(property = "eventcontracts.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipRegisterConsumers>true</skipRegisterConsumers>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registerConsumers.skip", defaultValue = "false")
    private boolean skipRegisterConsumers;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipRegisterConsumers;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipRegisterConsumers>/eventcontracts.registerConsumers.skip";
    }

    @Override
    protected void executeGoal() throws IOException {
        List<String> lines = new ContractRecording().run(deployConfig(null, null), dryRun);
        for (int i = 0; i < lines.size() - 1; i++) {
            getLog().warn(lines.get(i));
        }
        getLog().info(lines.get(lines.size() - 1));
    }
}
