package dev.eventcontracts.plugin.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventcontracts.plugin.discovery.DiscoveryRequest;
import dev.eventcontracts.plugin.discovery.ShopTree;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate-asyncapi on the shop tree: EventConsumer, RabbitListener, KafkaListener, SQS and Incoming consumers. */
class AsyncApiGenerationTest {

    @TempDir
    static Path target;

    static AsyncApiOutcome outcome;
    static String yaml;
    static JsonNode doc;

    @BeforeAll
    static void generate() throws Exception {
        DiscoveryRequest shop = ShopTree.request();
        outcome = new AsyncApiGeneration()
                .run(new AsyncApiConfig(
                        ShopTree.root(),
                        target,
                        shop.mainSourceRoots(),
                        shop.testSourceRoots(),
                        shop.classpath(),
                        shop.schemaDirectories(),
                        null,
                        "shop",
                        "1.2.3"));
        yaml = Files.readString(outcome.file());
        doc = new AsyncApiYaml().parse(yaml);
    }

    @Test
    void document_isWrittenToTargetEventContracts_andValidAgainstTheAsyncApi300Schema() {
        assertThat(outcome.file()).isEqualTo(target.resolve("event-contracts/asyncapi.yaml"));
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(AsyncApiSchemaValidation.errors(doc)).isEmpty();
    }

    @Test
    void document_matchesGoldenFile() throws Exception {
        Path copy = Path.of("target", "shop-asyncapi.yaml");
        Files.writeString(copy, yaml);
        try (InputStream in = AsyncApiGenerationTest.class.getResourceAsStream("/golden/shop-asyncapi.yaml")) {
            assertThat(in)
                    .as("golden file /golden/shop-asyncapi.yaml (this run's output: " + copy + ")")
                    .isNotNull();
            assertThat(yaml).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void schemaValidation_rejectsAnOperationWithoutAction_soTheCheckCanFail() {
        ObjectNode broken = doc.deepCopy();
        ((ObjectNode) broken.path("operations").path("InventoryConsumer.onOrderPlaced")).remove("action");

        assertThat(AsyncApiSchemaValidation.errors(broken)).isNotEmpty();
    }

    @Test
    void everyConsumer_getsOneReceiveOperationOnItsQueueChannel() {
        assertThat(outcome.operations()).isEqualTo(6);
        assertThat(doc.path("operations").fieldNames())
                .toIterable()
                .containsExactly(
                        "AnalyticsListener.onPageViewed",
                        "InventoryConsumer.onOrderPlaced",
                        "MiscListeners.onPrice",
                        "MiscListeners.onRefund",
                        "ReturnsListener.onReturn",
                        "ShippingListener.ship");
        JsonNode inventory = doc.path("operations").path("InventoryConsumer.onOrderPlaced");
        assertThat(inventory.path("action").asText()).isEqualTo("receive");
        assertThat(inventory.path("channel").path("$ref").asText()).isEqualTo("#/channels/inventory.order-placed");
        assertThat(inventory.path("messages").get(0).path("$ref").asText())
                .isEqualTo("#/channels/inventory.order-placed/messages/OrderPlaced");
        assertThat(inventory.path("bindings").path("amqp").path("ack").asBoolean())
                .isTrue();
        assertThat(inventory.path("x-event-contracts-consumer").path("id").asText())
                .isEqualTo("com.example.inventory.InventoryConsumer#onOrderPlaced");
    }

    @Test
    void queueChannel_hasAmqpQueueBinding_withDeadLetterExchangeAndRoutingKey_andItsExchangeBinding() {
        JsonNode amqp = doc.path("channels")
                .path("inventory.order-placed")
                .path("bindings")
                .path("amqp");
        assertThat(amqp.path("is").asText()).isEqualTo("queue");
        assertThat(amqp.path("queue").path("name").asText()).isEqualTo("inventory.order-placed");
        assertThat(amqp.path("x-dead-letter-exchange").asText()).isEmpty();
        assertThat(amqp.path("x-dead-letter-routing-key").asText()).isEqualTo("inventory.order-placed.dlq");
        assertThat(amqp.path("x-bindings").get(0).path("exchange").asText()).isEqualTo("orders");
        assertThat(amqp.path("bindingVersion").asText()).isEqualTo("0.3.0");
    }

    @Test
    void exchangeAndDeadLetterQueue_eachGetAChannel() {
        JsonNode exchange = doc.path("channels").path("orders").path("bindings").path("amqp");
        assertThat(exchange.path("is").asText()).isEqualTo("routingKey");
        assertThat(exchange.path("exchange").path("name").asText()).isEqualTo("orders");
        assertThat(exchange.path("exchange").path("type").asText()).isEqualTo("topic");
        JsonNode dlq = doc.path("channels").path("inventory.order-placed.dlq");
        assertThat(dlq.path("address").asText()).isEqualTo("inventory.order-placed.dlq");
        assertThat(dlq.path("bindings").path("amqp").path("is").asText()).isEqualTo("queue");
        assertThat(dlq.path("messages").path("OrderPlaced").path("$ref").asText())
                .isEqualTo("#/components/messages/OrderPlaced");
    }

    @Test
    void messages_carryTheAvroSchemaWithTheAvroSchemaFormat() {
        JsonNode payload =
                doc.path("components").path("messages").path("OrderPlaced").path("payload");
        assertThat(payload.path("schemaFormat").asText()).isEqualTo("application/vnd.apache.avro+json;version=1.9.0");
        assertThat(payload.path("schema").path("type").asText()).isEqualTo("record");
        assertThat(payload.path("schema").path("name").asText()).isEqualTo("OrderPlaced");
        assertThat(doc.path("components")
                        .path("messages")
                        .path("PageViewed")
                        .path("payload")
                        .path("schema")
                        .path("name")
                        .asText())
                .isEqualTo("PageViewed");
        assertThat(outcome.warnings()).isEmpty();
    }

    @Test
    void kafkaListener_getsAKafkaChannelBinding_andOtherListenersNoBinding() {
        JsonNode analytics = doc.path("operations").path("AnalyticsListener.onPageViewed");
        String channel = analytics.path("channel").path("$ref").asText().substring("#/channels/".length());
        assertThat(doc.path("channels")
                        .path(channel)
                        .path("bindings")
                        .path("kafka")
                        .path("topic")
                        .asText())
                .isEqualTo(doc.path("channels").path(channel).path("address").asText());
        assertThat(analytics
                        .path("bindings")
                        .path("kafka")
                        .path("bindingVersion")
                        .asText())
                .isEqualTo("0.5.0");
        assertThat(doc.path("channels").path("refunds").has("bindings")).isFalse();
    }

    @Test
    void generatingTwice_writesTheSameBytes() throws Exception {
        DiscoveryRequest shop = ShopTree.request();
        Path other = Files.createTempDirectory(target, "again");
        AsyncApiOutcome again = new AsyncApiGeneration()
                .run(new AsyncApiConfig(
                        ShopTree.root(),
                        other,
                        shop.mainSourceRoots(),
                        shop.testSourceRoots(),
                        shop.classpath(),
                        shop.schemaDirectories(),
                        null,
                        "shop",
                        "1.2.3"));

        assertThat(Files.readString(again.file())).isEqualTo(yaml);
        assertThat(outcome.summaryLine())
                .isEqualTo("event-contracts: AsyncAPI 3.0.0 document " + outcome.file()
                        + ": 6 receive operations, 8 channels, 2 Avro payloads");
    }
}
