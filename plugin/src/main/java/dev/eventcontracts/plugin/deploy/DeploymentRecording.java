package dev.eventcontracts.plugin.deploy;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.schemas.ContractRegistries;
import dev.eventcontracts.registry.consumers.ContractRegistry;
import dev.eventcontracts.registry.consumers.Deployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code record-deployment} core: records that this service version — its consumer contracts
 * and the writer schemas it produces — runs in an environment ({@value
 * ContractRegistry#DEPLOYMENTS_GROUP} group, artifact = the environment).
 */
public final class DeploymentRecording {

    /**
     * Records the deployment.
     *
     * @return the lines to log: notes first, the summary line last
     * @throws InvalidParameterException no environment is given
     */
    public List<String> run(DeployConfig config) throws IOException {
        requireEnvironment(config, "record-deployment");
        ServiceContracts.Collected collected = new ServiceContracts().collect(config);
        Deployment deployment = collected.deployment(config);
        boolean written;
        try (ContractRegistry registry =
                ContractRegistries.open(config.schemas().registry())) {
            written = ContractRegistries.call(config.schemas().registry(), () -> registry.recordDeployment(deployment));
        }
        List<String> lines = new ArrayList<>(collected.notes());
        lines.add("event-contracts: " + (written ? "recorded " : "already recorded: ") + deployment.label() + " in "
                + deployment.environment() + " (reads "
                + subjects(deployment.reads().stream().map(c -> c.subject()).toList()) + ", writes "
                + subjects(deployment.writes().stream().map(w -> w.subject()).toList()) + "; "
                + config.schemas().registry().describe() + ")");
        return lines;
    }

    static void requireEnvironment(DeployConfig config, String goal) {
        if (config.environment() == null) {
            throw new InvalidParameterException(
                    "<environment>",
                    "eventcontracts.environment",
                    "",
                    "name the environment " + goal + " is about, e.g. -Deventcontracts.environment=production.");
        }
    }

    private static String subjects(List<String> subjects) {
        return subjects.isEmpty() ? "nothing" : String.join(", ", subjects);
    }
}
