package dev.eventcontracts.plugin.report;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.gate.GateRules;
import dev.eventcontracts.plugin.gate.Severity;
import dev.eventcontracts.plugin.gate.Verdict;
import dev.eventcontracts.plugin.results.CompatibilityResults;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.FailsafeSummary;
import dev.eventcontracts.plugin.results.ScenarioResult;
import dev.eventcontracts.plugin.results.ScenarioStatus;
import dev.eventcontracts.plugin.results.SchemaCheck;
import dev.eventcontracts.plugin.results.SchemaIssue;
import dev.eventcontracts.plugin.results.SchemaStatus;
import java.util.List;
import java.util.Optional;

/** The online store's three consumers, one of them not idempotent, and one incompatible schema. */
final class ReportFixtures {

    private ReportFixtures() {}

    static ScenarioResult scenario(String letter, String id, ScenarioStatus status, String message) {
        return new ScenarioResult(id, letter, "scenario " + id, status, message, null, 12);
    }

    static GateInputs onlineStore() {
        ContractResult inventory = new ContractResult(
                1,
                "com.example.InventoryConsumer#onOrderPlaced",
                "com.example.InventoryConsumer",
                "onOrderPlaced",
                "inventory.order-placed",
                "inventory.order-placed.dlq",
                "amqp://127.0.0.1:5672",
                "effects+state",
                List.of(
                        scenario("a", "duplicate-delivery", ScenarioStatus.PASSED, null),
                        scenario("b", "lost-ack", ScenarioStatus.PASSED, null),
                        scenario("g", "undecodable-bytes", ScenarioStatus.PASSED, null)));
        ContractResult shipping = new ContractResult(
                1,
                "com.example.ShippingConsumer#onOrderPlaced",
                "com.example.ShippingConsumer",
                "onOrderPlaced",
                "shipping.order-placed",
                null,
                "amqp://127.0.0.1:5672",
                "effects",
                List.of(
                        scenario(
                                "a",
                                "duplicate-delivery",
                                ScenarioStatus.FAILED,
                                "2 shipments <for> order o-1 & 1 expected"),
                        scenario("b", "lost-ack", ScenarioStatus.ERROR, "consumer threw"),
                        scenario("g", "undecodable-bytes", ScenarioStatus.SKIPPED, "no DLQ")));
        CompatibilityResults compatibility = new CompatibilityResults(
                1,
                "file:src/main/registry",
                "BACKWARD",
                2,
                List.of(new SchemaCheck(
                        "com.example.OrderPlaced",
                        "src/main/avro/order.avsc",
                        "BACKWARD",
                        List.of(2),
                        SchemaStatus.INCOMPATIBLE,
                        List.of(new SchemaIssue(
                                "READER_FIELD_MISSING_DEFAULT_VALUE",
                                "/fields/3",
                                "customer.email",
                                2,
                                "new reads old",
                                "field added without a default",
                                "Add a default")))));
        return new GateInputs(
                List.of(inventory, shipping),
                Optional.of(new FailsafeSummary(6, 1, 1, 1)),
                Optional.of(compatibility),
                Optional.empty());
    }

    static Verdict verdict(GateInputs inputs) {
        return new GateRules("target/failsafe-reports").judge(inputs, Severity.ERROR, true);
    }
}
