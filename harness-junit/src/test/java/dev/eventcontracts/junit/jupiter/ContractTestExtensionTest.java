package dev.eventcontracts.junit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.junit.Brokers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class ContractTestExtensionTest {

    @TempDir
    Path results;

    @Test
    void generatedStyleTest_failsWithTheScenarioMessage_andWritesResultsJson() throws Exception {
        String uri = Brokers.rabbitMq().toString();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(
                                        Class.forName("dev.eventcontracts.junit.samples.NoDedupContractExample")))
                                .configurationParameters(Map.of(
                                        ContractTestExtension.AMQP_URI_PROPERTY,
                                        uri,
                                        ContractTestExtension.RESULTS_DIR_PROPERTY,
                                        results.toString()))
                                .build(),
                        listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException().getMessage())
                .startsWith("NoDedupConsumer is not idempotent: delivering OrderPlaced{orderId=o-1} twice")
                .endsWith("Deduplicate on 'orderId' — see idempotencyKey.");

        JsonNode json =
                new ObjectMapper().readTree(Files.readString(results.resolve("NoDedupConsumer-onOrderPlaced.json")));
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("consumer").asText())
                .isEqualTo("dev.eventcontracts.junit.samples.InventoryConsumers$NoDedupConsumer#onOrderPlaced");
        assertThat(json.get("handler").asText()).isEqualTo("onOrderPlaced");
        assertThat(json.get("queue").asText()).isEqualTo("inventory.order-placed");
        assertThat(json.get("deadLetterQueue").asText()).isEqualTo("inventory.order-placed.dlq");
        assertThat(json.get("broker").asText()).isEqualTo("amqp://127.0.0.1:5672");
        assertThat(json.get("judgedOn").asText()).isEqualTo("effects+state");
        assertThat(json.get("scenarios")).hasSize(2);
        JsonNode first = json.get("scenarios").get(0);
        assertThat(first.get("id").asText()).isEqualTo("duplicate-delivery");
        assertThat(first.get("letter").asText()).isEqualTo("a");
        assertThat(first.get("status").asText()).isEqualTo("FAILED");
        assertThat(first.get("fix").asText()).isEqualTo("Deduplicate on 'orderId' — see idempotencyKey.");
        assertThat(json.get("scenarios").get(1).get("status").asText()).isEqualTo("PASSED");
        assertThat(json.get("scenarios").get(1).get("message").isNull()).isTrue();
        JsonNode journal = first.get("journal");
        assertThat(journal).as("the failing scenario's journal").isNotNull();
        assertThat(journal.size()).isGreaterThanOrEqualTo(2);
        assertThat(journal.get(0).get("messageId").asText()).isNotBlank();
        assertThat(journal.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(journal.findValuesAsText("outcome")).contains("ACKED");
        assertThat(json.get("scenarios").get(1).has("journal"))
                .as("a passed scenario has no journal")
                .isFalse();
    }

    @Test
    void kafkaConsumer_runsOnItsOwnEmbeddedKafka_andResultsNameTheBroker() throws Exception {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(
                                        Class.forName("dev.eventcontracts.junit.samples.KafkaNoDedupContractExample")))
                                .configurationParameters(
                                        Map.of(ContractTestExtension.RESULTS_DIR_PROPERTY, results.toString()))
                                .build(),
                        listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException().getMessage())
                .startsWith("AnnotatedNoDedupConsumer is not idempotent: producing OrderPlaced{orderId=o-1} twice");
        JsonNode json = new ObjectMapper()
                .readTree(Files.readString(results.resolve("AnnotatedNoDedupConsumer-onOrderPlaced.json")));
        assertThat(json.get("transport").asText()).isEqualTo("kafka");
        assertThat(json.get("topic").asText()).isEqualTo("inventory.orders");
        assertThat(json.get("deadLetterTopic").asText()).isEqualTo("inventory.orders.DLT");
        assertThat(json.get("brokerKind").asText()).isEqualTo("embedded-kafka");
        assertThat(json.get("broker").asText()).startsWith("embedded Kafka 4.1.2 (KRaft) at 127.0.0.1:");
        assertThat(json.get("effectsObservedAt").asText()).isEqualTo("ctx.publisher()");
        assertThat(json.get("scenarios").findValuesAsText("id"))
                .containsExactly("duplicate-delivery", "undecodable-bytes");
        assertThat(json.get("scenarios").get(0).get("journal").findValuesAsText("instance"))
                .isNotEmpty();
    }

    @Test
    void settleTimeout_defaultsToTenSeconds_acceptsWholeSeconds_andNamesThePropertyWhenBad() {
        assertThat(ContractTestExtension.settleTimeout(null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ContractTestExtension.settleTimeout(" 30 ")).isEqualTo(Duration.ofSeconds(30));
        for (String bad : new String[] {"0", "-5", "10s", "ten"}) {
            assertThatThrownBy(() -> ContractTestExtension.settleTimeout(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("eventcontracts.settle.timeout '" + bad
                            + "' is not a number of seconds of at least 1; use e.g."
                            + " -Deventcontracts.settle.timeout=30");
        }
    }
}
