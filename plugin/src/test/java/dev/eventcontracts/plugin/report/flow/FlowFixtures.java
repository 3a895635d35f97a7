package dev.eventcontracts.plugin.report.flow;

import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.ScenarioResult;
import dev.eventcontracts.plugin.results.ScenarioStatus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The shop's inventory consumer (passing, bound to exchange {@code orders}, with a dead-letter
 * queue) and its returns listener (not idempotent, no dead-letter queue), with the routes of the
 * shop's golden asyncapi.yaml.
 */
final class FlowFixtures {

    static final String INVENTORY = "com.example.inventory.InventoryConsumer#onOrderPlaced";
    static final String RETURNS = "com.example.returns.ReturnsListener#onReturn";

    private FlowFixtures() {}

    static Path shopAsyncApi() {
        try {
            return Path.of(
                    FlowFixtures.class.getResource("/golden/shop-asyncapi.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ContractResult> contracts() {
        ContractResult inventory = new ContractResult(
                1,
                INVENTORY,
                "com.example.inventory.InventoryConsumer",
                "onOrderPlaced",
                "inventory.order-placed",
                "inventory.order-placed.dlq",
                "amqp://127.0.0.1:5672",
                "effects+state",
                List.of(
                        passed("a", "duplicate-delivery"),
                        passed("g", "undecodable-bytes"),
                        passed("j", "exhausted-retries")));
        ContractResult returns = new ContractResult(
                1,
                RETURNS,
                "com.example.returns.ReturnsListener",
                "onReturn",
                "returns.order-placed",
                null,
                "amqp://127.0.0.1:5672",
                "effects",
                List.of(
                        new ScenarioResult(
                                "duplicate-delivery",
                                "a",
                                "delivered twice",
                                ScenarioStatus.FAILED,
                                "ReturnsListener is not idempotent: 2 refunds for order o-1, 1 expected.",
                                "Deduplicate on 'orderId'.",
                                30,
                                List.of(
                                        new ScenarioResult.JournalEvent("m-1", 1, 1, false, "ACKED"),
                                        new ScenarioResult.JournalEvent("m-1", 1, 2, true, "ACKED"))),
                        new ScenarioResult(
                                "poison-undecodable",
                                "g",
                                "undecodable bytes",
                                ScenarioStatus.FAILED,
                                "ReturnsListener requeues poison forever.",
                                null,
                                30,
                                List.of(
                                        new ScenarioResult.JournalEvent("p-1", 1, 1, false, "REQUEUED"),
                                        new ScenarioResult.JournalEvent("p-1", 1, 2, true, "REJECTED"),
                                        new ScenarioResult.JournalEvent("p-1", 0, 0, false, "DEAD_LETTERED"))),
                        passed("k", "transient-recovers")));
        return List.of(inventory, returns);
    }

    private static ScenarioResult passed(String letter, String id) {
        return new ScenarioResult(id, letter, "scenario " + id, ScenarioStatus.PASSED, null, null, 12);
    }
}
