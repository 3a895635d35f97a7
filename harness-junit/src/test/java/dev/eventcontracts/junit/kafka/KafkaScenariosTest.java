package dev.eventcontracts.junit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.junit.internal.scenario.KafkaContractSession;
import dev.eventcontracts.junit.samples.InventoryConsumers;
import dev.eventcontracts.junit.samples.KafkaSamples;
import dev.eventcontracts.kafka.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka scenarios on the embedded KRaft broker: the correct consumer passes all of (a)–(o),
 * and each seeded defect fails exactly where Kafka exposes it (docs/kafka.md).
 */
class KafkaScenariosTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.startDefault();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    static List<ScenarioResult> run(ConsumerContract contract, Scenario... scenarios) {
        try (KafkaContractSession session = new KafkaContractSession(
                contract, kafka, kafka.description(), "embedded-kafka", ContractSession.Options.defaults())) {
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                results.add(session.run(scenario));
            }
            return results;
        }
    }

    @Test
    void correctConsumer_passesEveryKafkaScenarioAToO() {
        List<Scenario> all = Scenario.on(ContractScenario.Transport.KAFKA);

        List<ScenarioResult> results = run(KafkaSamples.correct(), all.toArray(Scenario[]::new));

        assertThat(all)
                .extracting(Scenario::letter)
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o");
        assertThat(results)
                .allSatisfy(r -> assertThat(r.status())
                        .as(r.scenario() + ": " + r.describe())
                        .isEqualTo(ScenarioStatus.PASSED));
    }

    @Test
    void nonIdempotentConsumer_failsDuplicateCommitLostReplayAndGroupRebalance() {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.NoDedupConsumer.class,
                        "onOrderPlaced",
                        InventoryConsumers.NoDedupFixture.class)
                .build();

        List<ScenarioResult> results = run(
                contract,
                Scenario.DUPLICATE_DELIVERY,
                Scenario.COMMIT_LOST,
                Scenario.REBALANCE_MID_BATCH,
                Scenario.OFFSET_REPLAY,
                Scenario.GROUP_REBALANCE);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).as(r.scenario() + ": " + r.describe()).isEqualTo(ScenarioStatus.FAILED);
            assertThat(r.message())
                    .startsWith("NoDedupConsumer is not idempotent:")
                    .contains("stock.reserved");
        });
    }

    @Test
    void consumerSwallowingPoison_failsUndecodableBytesAndConservation() {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.SwallowingConsumer.class,
                        "onMessage",
                        InventoryConsumers.SwallowingFixture.class)
                .schema(dev.eventcontracts.junit.samples.avro.OrderPlaced.getClassSchema())
                .build();

        List<ScenarioResult> results = run(contract, Scenario.UNDECODABLE_BYTES, Scenario.CONSERVATION);

        assertThat(results.get(0).status()).as(results.get(0).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(0).message()).contains("swallows poison silently");
        assertThat(results.get(1).status()).as(results.get(1).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(1).message())
                .contains("does not conserve records per partition")
                .contains("undecodable bytes")
                .contains("never reached the dead-letter topic");
    }

    @Test
    void consumerRetryingPoisonInPlace_failsNoHeadOfLineBlocking() {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.PoisonLoopConsumer.class,
                        "onMessage",
                        InventoryConsumers.PoisonLoopFixture.class)
                .schema(dev.eventcontracts.junit.samples.avro.OrderPlaced.getClassSchema())
                .maxAttempts(1_000_000)
                .build();

        ScenarioResult result = run(contract, Scenario.NO_HEAD_OF_LINE_BLOCKING).get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message()).contains("blocks its partition behind a poison record");
    }

    @Test
    void consumerRetryingPoisonThirtyTimesInPlace_failsNoHeadOfLineBlocking_thoughItWouldEndInTheDeadLetterTopic() {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.PoisonLoopConsumer.class,
                        "onMessage",
                        InventoryConsumers.PoisonLoopFixture.class)
                .schema(dev.eventcontracts.junit.samples.avro.OrderPlaced.getClassSchema())
                .maxAttempts(30)
                .build();

        ScenarioResult result = run(contract, Scenario.NO_HEAD_OF_LINE_BLOCKING).get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        // the poison holds up the records behind it for 25 attempts or more (the loop bound), whether
        // the scenario stops it there or it reaches the dead-letter topic after its 30th
        assertThat(result.message())
                .startsWith("PoisonLoopConsumer blocks its partition behind a poison record:")
                .containsPattern("was retried (2[5-9]|30) times in place");
    }

    @Test
    void consumerWithRetryLater_failsKeyOrdering() {
        ConsumerContract contract = KafkaSamples.inventory(
                        KafkaSamples.RetryLaterConsumer.class, "onOrderPlaced", KafkaSamples.RetryLaterFixture.class)
                .build();

        ScenarioResult result = run(contract, Scenario.KEY_ORDERING).get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message()).contains("applies records of one key out of order");
    }

    @Test
    void consumerWithoutDeadLetterTopic_dropsPoison() {
        ConsumerContract contract = dev.eventcontracts.junit.ConsumerContract.builder(
                        InventoryConsumers.InventoryConsumer.class, "onOrderPlaced")
                .topic("inventory.orders")
                .idempotencyKey("orderId")
                .fixture(InventoryConsumers.InventoryFixture.class)
                .build();

        ScenarioResult result = run(contract, Scenario.WRONG_SCHEMA).get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message()).contains("drops poison").contains("no dead-letter topic");
    }
}
