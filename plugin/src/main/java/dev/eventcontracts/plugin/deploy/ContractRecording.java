package dev.eventcontracts.plugin.deploy;

import dev.eventcontracts.plugin.schemas.ContractRegistries;
import dev.eventcontracts.registry.consumers.ConsumerContract;
import dev.eventcontracts.registry.consumers.ContractRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code register}'s consumer step: records a contract for each consumer of this service (reader
 * schema and the fields its code reads) in the registry's {@value ContractRegistry#CONTRACTS_GROUP}
 * group, so producers can check their changes against it ({@code CONSUMERS} level).
 */
public final class ContractRecording {

    /**
     * Records the contracts.
     *
     * @param dryRun collect and report, write nothing
     * @return the lines to log: notes first, the summary line last
     */
    public List<String> run(DeployConfig config, boolean dryRun) throws IOException {
        ServiceContracts.Collected collected = new ServiceContracts().collect(config);
        List<String> recorded = new ArrayList<>();
        int unchanged = 0;
        if (!collected.reads().isEmpty() && !dryRun) {
            try (ContractRegistry registry =
                    ContractRegistries.open(config.schemas().registry())) {
                for (ConsumerContract contract : collected.reads()) {
                    if (ContractRegistries.call(config.schemas().registry(), () -> registry.register(contract))) {
                        recorded.add(label(contract));
                    } else {
                        unchanged++;
                    }
                }
            }
        } else if (dryRun) {
            collected.reads().forEach(c -> recorded.add(label(c)));
        }
        List<String> lines = new ArrayList<>(collected.notes());
        lines.add("event-contracts: " + (dryRun ? "would record " : "recorded ") + recorded.size()
                + (recorded.size() == 1 ? " consumer contract" : " consumer contracts") + ", " + unchanged
                + " unchanged (" + config.schemas().registry().describe() + ", group "
                + ContractRegistry.CONTRACTS_GROUP + ")"
                + (recorded.isEmpty() ? "" : ": " + String.join(", ", recorded)));
        return lines;
    }

    private static String label(ConsumerContract c) {
        return c.service() + " " + c.version() + " reads " + c.subject() + " ("
                + c.reads().size() + (c.reads().size() == 1 ? " field read" : " field reads") + ")";
    }
}
