package dev.eventcontracts.junit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.annotations.WireFormat;
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
import dev.eventcontracts.registry.EmbeddedRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka plain mode with the Confluent wire format (docs/kafka.md §4.2) on the embedded KRaft broker
 * and the embedded registry: the writer schema is registered through the ccompat API, records are
 * magic byte + 4-byte id + Avro, the consumer gets decoded values, and a record with an id the
 * registry does not know is dead-lettered.
 */
class KafkaConfluentScenariosTest {

    private static EmbeddedKafka kafka;
    private static EmbeddedRegistry registry;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startDefault();
        registry = EmbeddedRegistry.builder().build().start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
        registry.close();
    }

    private static List<ScenarioResult> run(ConsumerContract contract, String registryUri, Scenario... scenarios) {
        try (KafkaContractSession session = new KafkaContractSession(
                contract,
                kafka,
                kafka.description(),
                "embedded-kafka",
                ContractSession.Options.defaults(),
                registryUri)) {
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                results.add(session.run(scenario));
            }
            return results;
        }
    }

    @Test
    void correctConsumer_withConfluentFraming_passesEveryKafkaScenario_andItsSchemaIsRegisteredUnderTopicValue()
            throws Exception {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.InventoryConsumer.class,
                        "onOrderPlaced",
                        InventoryConsumers.InventoryFixture.class)
                .wireFormat(WireFormat.CONFLUENT)
                .build();

        // the plugin exports the Apicurio v2 API as eventcontracts.registry.uri: the session finds ccompat from it
        List<ScenarioResult> results = run(
                contract,
                registry.uri().toString(),
                Scenario.on(ContractScenario.Transport.KAFKA).toArray(Scenario[]::new));

        assertThat(results)
                .allSatisfy(r -> assertThat(r.status())
                        .as(r.scenario() + ": " + r.describe())
                        .isEqualTo(ScenarioStatus.PASSED));
        assertThat(subjects()).contains("\"inventory.orders-value\"");
    }

    private static String subjects() throws Exception {
        return get(registry.ccompatUri() + "/subjects");
    }

    private static String get(String uri) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void consumerWithoutDeadLetterTopic_losesTheRecordWithAnUnknownSchemaId_failsWrongSchema() {
        ConsumerContract contract = ConsumerContract.builder(
                        InventoryConsumers.InventoryConsumer.class, "onOrderPlaced")
                .topic("inventory.orders")
                .idempotencyKey("orderId")
                .fixture(InventoryConsumers.InventoryFixture.class)
                .wireFormat(WireFormat.CONFLUENT)
                .build();

        ScenarioResult result = run(contract, registry.ccompatUri().toString(), Scenario.WRONG_SCHEMA)
                .get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .contains("drops poison")
                .contains("which the registry at " + registry.ccompatUri() + " does not know");
    }

    @Test
    void correctConsumer_withApicurioFraming_passesPoisonAndWriterScenarios_registeredAsAnApicurioArtifact()
            throws Exception {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.InventoryConsumer.class,
                        "onOrderPlaced",
                        InventoryConsumers.InventoryFixture.class)
                .wireFormat(WireFormat.APICURIO)
                .build();

        List<ScenarioResult> results = run(
                contract,
                registry.uri().toString(),
                Scenario.DUPLICATE_DELIVERY,
                Scenario.UNDECODABLE_BYTES,
                Scenario.WRONG_SCHEMA,
                Scenario.CONSERVATION,
                Scenario.SCHEMA_EVOLUTION);

        assertThat(results)
                .allSatisfy(r -> assertThat(r.status())
                        .as(r.scenario() + ": " + r.describe())
                        .isEqualTo(ScenarioStatus.PASSED));
        assertThat(get(registry.uri() + "/groups/default/artifacts/inventory.orders-value/meta"))
                .contains("\"globalId\"");
    }

    @Test
    void apicurioFraming_withoutDeadLetterTopic_losesTheRecordWithAnUnknownEightByteGlobalId() {
        ConsumerContract contract = ConsumerContract.builder(
                        InventoryConsumers.InventoryConsumer.class, "onOrderPlaced")
                .topic("inventory.orders")
                .idempotencyKey("orderId")
                .fixture(InventoryConsumers.InventoryFixture.class)
                .wireFormat(WireFormat.APICURIO)
                .build();

        ScenarioResult result =
                run(contract, registry.uri().toString(), Scenario.WRONG_SCHEMA).get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        // an id no 4-byte frame can hold: the frame carries Apicurio's 8-byte global id
        assertThat(result.message()).contains("drops poison").contains("under schema id " + Long.MAX_VALUE);
    }

    @Test
    void nonIdempotentConsumer_withConfluentFraming_failsDuplicateDelivery() {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.NoDedupConsumer.class,
                        "onOrderPlaced",
                        InventoryConsumers.NoDedupFixture.class)
                .wireFormat(WireFormat.CONFLUENT)
                .build();

        ScenarioResult result = run(contract, registry.uri().toString(), Scenario.DUPLICATE_DELIVERY)
                .get(0);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message()).startsWith("NoDedupConsumer is not idempotent:");
    }

    @Test
    void confluentFramingWithoutARegistry_failsNamingThePropertyThatSuppliesIt() {
        ConsumerContract contract = KafkaSamples.inventory(
                        InventoryConsumers.InventoryConsumer.class,
                        "onOrderPlaced",
                        InventoryConsumers.InventoryFixture.class)
                .wireFormat(WireFormat.CONFLUENT)
                .build();

        assertThatThrownBy(() -> run(contract, null, Scenario.DUPLICATE_DELIVERY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("InventoryConsumer#onOrderPlaced declares wireFormat = WireFormat.CONFLUENT")
                .hasMessageContaining("eventcontracts.registry.uri")
                .hasMessageContaining("start goal");
    }

    @Test
    void confluentFraming_isRefusedForJsonPayloadsAndAmqpQueues() {
        assertThatThrownBy(() -> ConsumerContract.builder(InventoryConsumers.InventoryConsumer.class, "onOrderPlaced")
                        .queue("inventory.orders")
                        .wireFormat(WireFormat.CONFLUENT)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declares wire format CONFLUENT");
        assertThatThrownBy(() -> dev.eventcontracts.junit.samples.json.JsonConsumers.contract(
                                dev.eventcontracts.junit.samples.json.JsonConsumers.JsonInventoryConsumer.class,
                                "onRequested",
                                dev.eventcontracts.junit.samples.json.JsonConsumers.JsonInventoryFixture.class)
                        .topic("stock")
                        .wireFormat(WireFormat.CONFLUENT)
                        .build())
                .hasMessageContaining("is JSON, not Avro");
    }
}
