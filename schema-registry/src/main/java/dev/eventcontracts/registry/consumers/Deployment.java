package dev.eventcontracts.registry.consumers;

import java.util.Comparator;
import java.util.List;

/**
 * A service version running in an environment, with what it reads and what it writes.
 *
 * @param environment e.g. {@code production}
 * @param service the service, e.g. {@code inventory-svc}
 * @param version its version
 * @param reads its consumer contracts, sorted by subject
 * @param writes the writer schemas it produces, sorted by subject
 */
public record Deployment(
        String environment, String service, String version, List<ConsumerContract> reads, List<ProducedSchema> writes) {

    /** Checks the names and sorts the lists. */
    public Deployment {
        ContractNames.check("environment", environment);
        ContractNames.check("service", service);
        ContractNames.check("version", version);
        reads = reads.stream()
                .sorted(Comparator.comparing(ConsumerContract::subject))
                .toList();
        writes = writes.stream()
                .sorted(Comparator.comparing(ProducedSchema::subject))
                .toList();
    }

    /** {@code inventory-svc 1.4.0}. */
    public String label() {
        return service + " " + version;
    }
}
