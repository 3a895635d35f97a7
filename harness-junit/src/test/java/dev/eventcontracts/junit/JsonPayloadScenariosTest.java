package dev.eventcontracts.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.samples.json.JsonConsumers;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON record payloads and raw String payloads in plain mode, on every broker. */
class JsonPayloadScenariosTest {

    static Stream<BrokerTarget> brokers() {
        return BrokerTarget.all();
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void correctJsonRecordConsumer_passesEveryScenario_schemaEvolutionSkipped(BrokerTarget broker) {
        ConsumerContract contract = JsonConsumers.contract(
                        JsonConsumers.JsonInventoryConsumer.class,
                        "onRequested",
                        JsonConsumers.JsonInventoryFixture.class)
                .build();

        List<ScenarioResult> results = ScenarioRunner.run(broker.uri(), contract, Scenario.values());

        assertThat(contract.payloadFormat()).isEqualTo(PayloadFormat.JSON);
        assertThat(results)
                .filteredOn(r -> r.scenario() != Scenario.SCHEMA_EVOLUTION)
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
        ScenarioResult evolution = results.get(results.size() - 1);
        assertThat(evolution.status()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(evolution.message()).contains("reads JSON payloads, which carry no writer schema versions");
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void jsonConsumer_undecodableAndWrongShapeDocuments_deadLetteredByTheDecoder(BrokerTarget broker) {
        ConsumerContract contract = JsonConsumers.contract(
                        JsonConsumers.JsonNoDedupConsumer.class, "onRequested", JsonConsumers.JsonNoDedupFixture.class)
                .deadLetterQueue("")
                .build();

        List<ScenarioResult> results =
                ScenarioRunner.run(broker.uri(), contract, Scenario.UNDECODABLE_BYTES, Scenario.WRONG_SCHEMA);

        // without a dead-letter queue the refused JSON is lost: the verdict names the wrong-shape document
        assertThat(results)
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED));
        assertThat(results.get(0).message())
                .startsWith("JsonNoDedupConsumer drops poison: undecodable bytes (32 x 0x80)");
        assertThat(results.get(1).message())
                .startsWith("JsonNoDedupConsumer drops poison: a JSON document of the wrong shape (every field of"
                        + " 'StockReservationRequested' holds a value of the wrong type)");
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void stringConsumerWithSuppliedSamples_isDriven_andItsMissingDeduplicationCaught(BrokerTarget broker) {
        ConsumerContract contract = JsonConsumers.contract(
                        JsonConsumers.TextNoDedupConsumer.class, "onLine", JsonConsumers.TextFixture.class)
                .idempotencyKey("")
                .build();

        List<ScenarioResult> results = ScenarioRunner.run(
                broker.uri(), contract, Scenario.DUPLICATE_DELIVERY, Scenario.WRONG_SCHEMA, Scenario.NON_RETRYABLE);

        assertThat(contract.payloadFormat()).isEqualTo(PayloadFormat.RAW);
        assertThat(results.get(0).status()).as(results.get(0).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(0).message())
                .startsWith("TextNoDedupConsumer is not idempotent: delivering sample 1 of TextFixture twice");
        assertThat(results.get(1).status()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(results.get(1).message()).contains("are not JSON objects");
        assertThat(results.get(2).status()).as(results.get(2).describe()).isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void stringConsumerWithoutSamples_everyScenarioSkipped_withSamplesMissingWarning(BrokerTarget broker) {
        ConsumerContract contract = JsonConsumers.contract(
                        JsonConsumers.TextNoDedupConsumer.class,
                        "onLine",
                        JsonConsumers.TextFixtureWithoutSamples.class)
                .build();

        ScenarioRunner.Outcome outcome = ScenarioRunner.session(broker.uri(), contract, Scenario.values());

        assertThat(outcome.results())
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.SKIPPED));
        assertThat(outcome.results().get(0).message())
                .isEqualTo("TextNoDedupConsumer#onLine takes its payload as String and decodes it itself, so"
                        + " event-contracts cannot build messages it accepts, and TextFixtureWithoutSamples supplies no"
                        + " samples(). Return four or more valid bodies from the fixture's samples() (and invalid ones"
                        + " from poisonSamples()) to run the scenarios.");
        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("samples-missing");
            assertThat(f.severity()).isEqualTo("WARNING");
        });
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void fixtureSuppliedJsonSamples_replaceTheBuiltOnes(BrokerTarget broker) {
        ConsumerContract contract = JsonConsumers.contract(
                        JsonConsumers.JsonNoDedupConsumer.class,
                        "onRequested",
                        JsonConsumers.JsonSuppliedSamplesFixture.class)
                .build();

        ScenarioResult result = ScenarioRunner.runOne(broker.uri(), contract, Scenario.DUPLICATE_DELIVERY);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("JsonNoDedupConsumer is not idempotent: delivering sample 1 of JsonSuppliedSamplesFixture"
                        + " (StockReservationRequested{orderId=order-a}) twice (immediate duplicate)")
                .contains("state 'sku-a' is 4 (expected 2)");
    }
}
