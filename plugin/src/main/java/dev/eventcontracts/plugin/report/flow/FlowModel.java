package dev.eventcontracts.plugin.report.flow;

import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.ScenarioResult;
import dev.eventcontracts.plugin.results.ScenarioStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the flow pictures show: the consumers grouped into services (the last segment of the
 * consumer's package, e.g. {@code inventory}), each with its route, queue, dead-letter queue and
 * verdict.
 *
 * @param services the services, sorted by name
 */
public record FlowModel(List<Service> services) {

    /** Copies the list. */
    public FlowModel {
        services = List.copyOf(services);
    }

    /** How a consumer fared, which colours its box. */
    public enum Outcome {
        /** Every scenario passed. */
        PASSED,
        /** A scenario failed or errored. */
        FAILED,
        /** None broke, some were skipped. */
        SKIPPED,
        /** No scenario ran. */
        NOT_RUN
    }

    /**
     * One service: the consumers of one package.
     *
     * @param name the package's last segment
     * @param consumers its consumers, sorted by id
     */
    public record Service(String name, List<Consumer> consumers) {

        /** Copies the list. */
        public Service {
            consumers = List.copyOf(consumers);
        }
    }

    /**
     * One consumer.
     *
     * @param id {@code <class>#<handler>}
     * @param label {@code <SimpleClass>#<handler>}
     * @param queue the queue it reads
     * @param deadLetterQueue its dead-letter queue, or null
     * @param route the exchange route to its queue, if any
     * @param outcome its verdict
     * @param passed scenarios passed
     * @param total scenarios run
     * @param broken the failed and errored scenarios, in letter order
     */
    public record Consumer(
            String id,
            String label,
            String queue,
            String deadLetterQueue,
            Optional<Route> route,
            Outcome outcome,
            int passed,
            int total,
            List<ScenarioResult> broken) {

        /** Copies the list. */
        public Consumer {
            broken = List.copyOf(broken);
        }
    }

    /** The model of {@code contracts}, routed by {@code routes}. */
    public static FlowModel of(List<ContractResult> contracts, FlowRoutes routes) {
        Map<String, List<Consumer>> byService = new TreeMap<>();
        for (ContractResult contract : contracts) {
            String cls = contract.consumerClass() == null
                    ? contract.consumer()
                            .substring(0, Math.max(0, contract.consumer().indexOf('#')))
                    : contract.consumerClass();
            String pkg = cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "";
            String service = pkg.isEmpty() ? "(default package)" : pkg.substring(pkg.lastIndexOf('.') + 1);
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            String label = simple + "#" + (contract.handler() == null ? "?" : contract.handler());
            int passed = (int) contract.scenarios().stream()
                    .filter(s -> s.status() == ScenarioStatus.PASSED)
                    .count();
            List<ScenarioResult> broken = contract.broken();
            Outcome outcome;
            if (!broken.isEmpty()) {
                outcome = Outcome.FAILED;
            } else if (contract.scenarios().isEmpty()) {
                outcome = Outcome.NOT_RUN;
            } else if (passed < contract.scenarios().size()) {
                outcome = Outcome.SKIPPED;
            } else {
                outcome = Outcome.PASSED;
            }
            byService
                    .computeIfAbsent(service, k -> new ArrayList<>())
                    .add(new Consumer(
                            contract.consumer(),
                            label,
                            contract.queue() == null ? "?" : contract.queue(),
                            contract.deadLetterQueue(),
                            routes.of(contract.consumer()),
                            outcome,
                            passed,
                            contract.scenarios().size(),
                            broken));
        }
        List<Service> services = new ArrayList<>();
        byService.forEach((name, consumers) -> services.add(new Service(
                name,
                consumers.stream()
                        .sorted(java.util.Comparator.comparing(Consumer::id))
                        .toList())));
        return new FlowModel(services);
    }
}
