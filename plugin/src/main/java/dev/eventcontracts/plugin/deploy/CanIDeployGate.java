package dev.eventcontracts.plugin.deploy;

import dev.eventcontracts.plugin.results.CanIDeployResults;
import dev.eventcontracts.plugin.results.ResultFiles;
import dev.eventcontracts.plugin.schemas.ContractRegistries;
import dev.eventcontracts.registry.consumers.CanIDeploy;
import dev.eventcontracts.registry.consumers.ConsumerBreak;
import dev.eventcontracts.registry.consumers.ContractRegistry;
import dev.eventcontracts.registry.consumers.DeployMatrix;
import dev.eventcontracts.registry.consumers.Deployment;
import java.io.IOException;
import java.util.List;

/**
 * The {@code can-i-deploy} core: checks this service version against what is deployed in an
 * environment, both directions (its writers against the readers there, its readers against the
 * writers there), and writes the matrix to {@code target/event-contracts/can-i-deploy.json} for
 * the {@code verify} report. The caller fails the build on {@link Outcome#deployable()} false.
 */
public final class CanIDeployGate {

    /**
     * The answer.
     *
     * @param matrix the matrix
     * @param notes consumers left out, and why
     */
    public record Outcome(DeployMatrix matrix, List<String> notes) {

        /** Whether it can be deployed. */
        public boolean deployable() {
            return matrix.deployable();
        }
    }

    /** Runs the check. */
    public Outcome run(DeployConfig config) throws IOException {
        DeploymentRecording.requireEnvironment(config, "can-i-deploy");
        ServiceContracts.Collected collected = new ServiceContracts().collect(config);
        Deployment candidate = collected.deployment(config);
        List<Deployment> deployed;
        try (ContractRegistry registry =
                ContractRegistries.open(config.schemas().registry())) {
            deployed =
                    ContractRegistries.call(config.schemas().registry(), () -> registry.deployed(config.environment()));
        }
        DeployMatrix matrix = new CanIDeploy().check(candidate, deployed);
        new ResultFiles().write(config.canIDeployFile(), results(matrix));
        return new Outcome(matrix, collected.notes());
    }

    /** The matrix as {@code can-i-deploy.json}. */
    public static CanIDeployResults results(DeployMatrix matrix) {
        List<CanIDeployResults.Row> rows = matrix.rows().stream()
                .map(r -> new CanIDeployResults.Row(
                        r.service(),
                        r.version(),
                        r.subject(),
                        DeployMatrix.direction(r),
                        r.verdict(),
                        r.breaks().stream().map(CanIDeployGate::breakOf).toList()))
                .toList();
        return new CanIDeployResults(
                CanIDeployResults.FORMAT_VERSION,
                matrix.environment(),
                matrix.service(),
                matrix.version(),
                matrix.deployable(),
                matrix.summary(),
                rows);
    }

    private static CanIDeployResults.Break breakOf(ConsumerBreak b) {
        return new CanIDeployResults.Break(
                b.service() + " " + b.version(),
                b.field(),
                b.kind().name(),
                b.readAt(),
                b.message(),
                b.consumerFix(),
                b.producerFix());
    }
}
