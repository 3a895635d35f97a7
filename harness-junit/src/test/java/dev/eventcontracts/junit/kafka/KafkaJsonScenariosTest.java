package dev.eventcontracts.junit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.PayloadFormat;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.junit.internal.scenario.KafkaContractSession;
import dev.eventcontracts.junit.samples.json.JsonConsumers;
import dev.eventcontracts.kafka.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSON and raw payloads in Kafka plain mode, on the embedded KRaft broker (docs/kafka.md §4.2): the
 * same samples and poisons as AMQP plain mode, a correct JSON consumer passes, each seeded defect
 * fails where Kafka exposes it, and a raw payload without the fixture's samples is not judged.
 */
class KafkaJsonScenariosTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.startDefault();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static ConsumerContract.Builder onKafka(Class<?> consumer, String handler, Class<?> fixture) {
        return JsonConsumers.contract(consumer, handler, fixture)
                .topic("inventory.stock-requested")
                .deadLetterTopic("inventory.stock-requested.DLT");
    }

    private record Outcome(List<ScenarioResult> results, List<ContractSession.Finding> findings) {}

    private static Outcome run(ConsumerContract contract, Scenario... scenarios) {
        try (KafkaContractSession session = new KafkaContractSession(
                contract, kafka, kafka.description(), "embedded-kafka", ContractSession.Options.defaults())) {
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                results.add(session.run(scenario));
            }
            return new Outcome(results, session.findings());
        }
    }

    @Test
    void correctJsonRecordConsumer_passesEveryKafkaScenario_exceptWriterVersions_skippedForJson() {
        ConsumerContract contract = onKafka(
                        JsonConsumers.JsonInventoryConsumer.class,
                        "onRequested",
                        JsonConsumers.JsonInventoryFixture.class)
                .orderedBy("item.sku")
                .build();
        assertThat(contract.payloadFormat()).isEqualTo(PayloadFormat.JSON);

        List<ScenarioResult> results = run(
                        contract, Scenario.on(ContractScenario.Transport.KAFKA).toArray(Scenario[]::new))
                .results();

        assertThat(results).allSatisfy(r -> {
            ScenarioStatus expected =
                    r.scenario() == Scenario.SCHEMA_EVOLUTION ? ScenarioStatus.SKIPPED : ScenarioStatus.PASSED;
            assertThat(r.status()).as(r.scenario() + ": " + r.describe()).isEqualTo(expected);
        });
        assertThat(results.stream()
                        .filter(r -> r.scenario() == Scenario.SCHEMA_EVOLUTION)
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("reads JSON payloads, which carry no writer schema versions");
    }

    @Test
    void nonIdempotentJsonConsumer_failsDuplicateAndCommitLost_namingTheJsonEvent() {
        ConsumerContract contract = onKafka(
                        JsonConsumers.JsonNoDedupConsumer.class, "onRequested", JsonConsumers.JsonNoDedupFixture.class)
                .build();

        List<ScenarioResult> results =
                run(contract, Scenario.DUPLICATE_DELIVERY, Scenario.COMMIT_LOST).results();

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).as(r.scenario() + ": " + r.describe()).isEqualTo(ScenarioStatus.FAILED);
            assertThat(r.message())
                    .startsWith("JsonNoDedupConsumer is not idempotent:")
                    .contains("StockReservationRequested{orderId=")
                    .contains("stock.reserved");
        });
    }

    @Test
    void jsonConsumerSwallowingItsValidation_failsNonRetryable_butDeadLettersUndecodableAndWrongShape() {
        ConsumerContract contract = onKafka(
                        JsonConsumers.JsonSwallowingConsumer.class,
                        "onRequested",
                        JsonConsumers.JsonSwallowingFixture.class)
                .build();

        List<ScenarioResult> results = run(
                        contract, Scenario.NON_RETRYABLE, Scenario.UNDECODABLE_BYTES, Scenario.WRONG_SCHEMA)
                .results();

        assertThat(results.get(0).status()).as(results.get(0).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(0).message()).contains("JsonSwallowingFixture");
        // (g) and (h) are refused by our JSON decoder before the handler runs: dead-lettered at once
        assertThat(results.subList(1, 3))
                .allSatisfy(r -> assertThat(r.status())
                        .as(r.scenario() + ": " + r.describe())
                        .isEqualTo(ScenarioStatus.PASSED));
    }

    @Test
    void stringConsumerWithFixtureSamples_isDriven_andFailsDuplicateDelivery() {
        ConsumerContract contract = onKafka(
                        JsonConsumers.TextNoDedupConsumer.class, "onLine", JsonConsumers.TextFixture.class)
                .idempotencyKey("")
                .build();
        assertThat(contract.payloadFormat()).isEqualTo(PayloadFormat.RAW);

        ScenarioResult result =
                run(contract, Scenario.DUPLICATE_DELIVERY).results().get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message()).startsWith("TextNoDedupConsumer is not idempotent:");
    }

    @Test
    void stringConsumerWithoutSamples_isSkippedWithSamplesMissing_neverPassed() {
        ConsumerContract contract = onKafka(
                        JsonConsumers.TextNoDedupConsumer.class,
                        "onLine",
                        JsonConsumers.TextFixtureWithoutSamples.class)
                .idempotencyKey("")
                .build();

        Outcome outcome = run(contract, Scenario.DUPLICATE_DELIVERY, Scenario.UNDECODABLE_BYTES);

        assertThat(outcome.results()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(ScenarioStatus.SKIPPED);
            assertThat(r.message()).contains("TextFixtureWithoutSamples supplies no samples()");
        });
        assertThat(outcome.findings()).extracting(ContractSession.Finding::code).containsExactly("samples-missing");
    }
}
