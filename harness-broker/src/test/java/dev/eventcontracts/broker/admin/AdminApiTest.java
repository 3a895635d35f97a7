package dev.eventcontracts.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.eventcontracts.broker.HarnessBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {
    private HarnessBroker broker;
    private Connection connection;
    private Channel channel;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        broker = HarnessBroker.builder().build().start();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        connection = f.newConnection();
        channel = connection.createChannel();
        admin = new AdminClient(broker.adminUri());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private void publish(String exchange, String key, String body, AMQP.BasicProperties props) throws Exception {
        channel.basicPublish(exchange, key, props, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void adminUri_isLoopbackHttpOnAFreePort_andDiffersFromAmqp() {
        assertThat(broker.adminUri().toString()).startsWith("http://127.0.0.1:");
        assertThat(broker.adminPort()).isPositive().isNotEqualTo(broker.port());
    }

    @Test
    void overview_countsObjectsAndMessages_inRabbitMqShape() throws Exception {
        channel.queueDeclare("orders", true, false, false, null);
        publish("", "orders", "a", null);
        publish("", "orders", "b", null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson("/api/overview")
                                .at("/queue_totals/messages")
                                .asInt()
                        == 2);
        JsonNode o = admin.getJson("/api/overview");
        assertThat(o.get("rabbitmq_version").asText()).isEqualTo("3.10.8");
        assertThat(o.at("/object_totals/queues").asInt()).isEqualTo(1);
        assertThat(o.at("/object_totals/connections").asInt()).isEqualTo(1);
        assertThat(o.at("/object_totals/channels").asInt()).isEqualTo(1);
        assertThat(o.at("/object_totals/exchanges").asInt()).isEqualTo(6);
        assertThat(o.at("/message_stats/publish").asLong()).isEqualTo(2);
        assertThat(o.at("/listeners/0/port").asInt()).isEqualTo(broker.port());
    }

    @Test
    void queues_reportCountsArgumentsAndMessageStats() throws Exception {
        channel.queueDeclare("q1", true, false, false, Map.of("x-message-ttl", 60000));
        channel.queueDeclare("q2", false, false, true, null);
        publish("", "q1", "x", null);
        publish("", "q1", "y", null);
        GetResponse got = channel.basicGet("q1", false);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson(AdminClient.queuePath("q1"))
                                .get("messages_unacknowledged")
                                .asInt()
                        == 1);
        JsonNode q1 = admin.getJson(AdminClient.queuePath("q1"));
        assertThat(q1.get("vhost").asText()).isEqualTo("/");
        assertThat(q1.get("durable").asBoolean()).isTrue();
        assertThat(q1.get("messages").asInt()).isEqualTo(2);
        assertThat(q1.get("messages_ready").asInt()).isEqualTo(1);
        assertThat(q1.at("/arguments/x-message-ttl").asInt()).isEqualTo(60000);
        assertThat(q1.at("/message_stats/publish").asLong()).isEqualTo(2);
        assertThat(q1.at("/message_stats/deliver_get").asLong()).isEqualTo(1);
        assertThat(q1.at("/message_stats/publish_details/rate").isNumber()).isTrue();
        channel.basicAck(got.getEnvelope().getDeliveryTag(), false);

        JsonNode all = admin.getJson("/api/queues");
        assertThat(names(all)).containsExactly("q1", "q2");
        assertThat(names(admin.getJson("/api/queues/%2F"))).containsExactly("q1", "q2");
        assertThat(all.get(1).get("auto_delete").asBoolean()).isTrue();
    }

    @Test
    void unknownQueue_andUnknownVhost_are404WithJsonError() {
        AdminClient.Reply r = admin.get(AdminClient.queuePath("missing"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
        assertThat(r.json().get("reason").asText()).contains("'missing'");

        assertThat(admin.get("/api/queues/other").status()).isEqualTo(404);
        assertThat(admin.get("/api/nothing").status()).isEqualTo(404);
        assertThat(admin.post(AdminClient.queuePath("missing") + "/get", "{\"count\":1}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete(AdminClient.queuePath("missing") + "/contents").status())
                .isEqualTo(404);
    }

    @Test
    void getMessages_withBadInput_is400WithJsonError() throws Exception {
        channel.queueDeclare("bad", false, false, false, null);
        String path = AdminClient.queuePath("bad") + "/get";

        AdminClient.Reply notJson = admin.post(path, "{count: nope");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(notJson.json().get("reason").asText()).contains("not JSON");

        assertThat(admin.post(path, "[1,2]").status()).isEqualTo(400);
        assertThat(admin.post(path, "{\"count\":0}").json().get("reason").asText())
                .contains("'count' must be a positive integer");
        assertThat(admin.post(path, "{\"count\":1,\"ackmode\":\"eat\"}")
                        .json()
                        .get("reason")
                        .asText())
                .contains("'ackmode' 'eat' is unknown");
        assertThat(admin.get(AdminClient.queuePath("bad") + "/messages?count=x").status())
                .isEqualTo(400);
        assertThat(admin.put(AdminClient.queuePath("bad"), "{}").status()).isEqualTo(405);
    }

    @Test
    void getMessages_requeueTrue_peeksWithPropertiesAndHeaders_requeueFalse_removes() throws Exception {
        channel.queueDeclare("peek", false, false, false, null);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .messageId("m-1")
                .deliveryMode(2)
                .headers(Map.of("tenant", "acme", "attempt", 3))
                .build();
        publish("", "peek", "{\"id\":1}", props);
        channel.basicPublish("", "peek", null, new byte[] {(byte) 0xff, 0x00});
        String path = AdminClient.queuePath("peek") + "/get";
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson(AdminClient.queuePath("peek"))
                                .get("messages")
                                .asInt()
                        == 2);

        JsonNode peeked = admin.post(path, "{\"count\":5,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}")
                .json();
        assertThat(peeked).hasSize(2);
        JsonNode first = peeked.get(0);
        assertThat(first.get("payload").asText()).isEqualTo("{\"id\":1}");
        assertThat(first.get("payload_encoding").asText()).isEqualTo("string");
        assertThat(first.get("routing_key").asText()).isEqualTo("peek");
        assertThat(first.at("/properties/content_type").asText()).isEqualTo("application/json");
        assertThat(first.at("/properties/message_id").asText()).isEqualTo("m-1");
        assertThat(first.at("/properties/delivery_mode").asInt()).isEqualTo(2);
        assertThat(first.at("/properties/headers/tenant").asText()).isEqualTo("acme");
        assertThat(first.at("/properties/headers/attempt").asInt()).isEqualTo(3);
        assertThat(peeked.get(1).get("payload_encoding").asText()).isEqualTo("base64");
        assertThat(peeked.get(1).get("payload").asText()).isEqualTo("/wA=");
        assertThat(admin.getJson(AdminClient.queuePath("peek")).get("messages").asInt())
                .isEqualTo(2);
        assertThat(admin.getJson(AdminClient.queuePath("peek") + "/messages?count=1"))
                .hasSize(1);

        JsonNode taken = admin.post(path, "{\"count\":1,\"ackmode\":\"ack_requeue_false\"}")
                .json();
        assertThat(taken.get(0).at("/properties/message_id").asText()).isEqualTo("m-1");
        assertThat(taken.get(0).get("message_count").asInt()).isEqualTo(1);
        assertThat(admin.getJson(AdminClient.queuePath("peek")).get("messages").asInt())
                .isEqualTo(1);
        assertThat(channel.basicGet("peek", true).getBody()).containsExactly(0xff, 0x00);
    }

    /**
     * RabbitMQ's management "Get messages" with {@code ack_requeue_true} fetches with basic.get and
     * requeues: the answer shows the message as fetched ({@code redelivered=false} the first time),
     * and the requeued message is flagged redelivered from then on, at its old position.
     */
    @Test
    void getMessages_ackRequeueTrue_requeuesFlaggedRedelivered_likeRabbitMq() throws Exception {
        channel.queueDeclare("requeue", false, false, false, null);
        publish("", "requeue", "first", null);
        publish("", "requeue", "second", null);
        String path = AdminClient.queuePath("requeue") + "/get";
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson(AdminClient.queuePath("requeue"))
                                .get("messages")
                                .asInt()
                        == 2);

        JsonNode fetched = admin.post(path, "{\"count\":1,\"ackmode\":\"ack_requeue_true\"}")
                .json();
        assertThat(fetched.get(0).get("payload").asText()).isEqualTo("first");
        assertThat(fetched.get(0).get("redelivered").asBoolean()).isFalse();
        assertThat(fetched.get(0).get("message_count").asInt()).isEqualTo(1);

        JsonNode again = admin.post(path, "{\"count\":2,\"ackmode\":\"reject_requeue_true\"}")
                .json();
        assertThat(again).hasSize(2);
        assertThat(again.get(0).get("payload").asText()).isEqualTo("first");
        assertThat(again.get(0).get("redelivered").asBoolean()).isTrue();
        assertThat(again.get(1).get("payload").asText()).isEqualTo("second");
        assertThat(again.get(1).get("redelivered").asBoolean()).isFalse();

        JsonNode queue = admin.getJson(AdminClient.queuePath("requeue"));
        assertThat(queue.get("messages_ready").asInt()).isEqualTo(2);
        assertThat(queue.get("messages_unacknowledged").asInt()).isZero();
        assertThat(queue.at("/message_stats/deliver_get").asInt()).isEqualTo(3);
        assertThat(queue.at("/message_stats/redeliver").asInt()).isEqualTo(1);
        GetResponse head = channel.basicGet("requeue", true);
        assertThat(new String(head.getBody(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(head.getEnvelope().isRedeliver()).isTrue();
        GetResponse next = channel.basicGet("requeue", true);
        assertThat(new String(next.getBody(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(next.getEnvelope().isRedeliver()).isTrue();
    }

    /** A quorum queue counts the management get as a delivery: the delivery limit applies. */
    @Test
    void getMessages_ackRequeueTrue_countsTowardsTheDeliveryLimit() throws Exception {
        channel.queueDeclare("limited.dlq", false, false, false, null);
        channel.queueDeclare(
                "limited",
                true,
                false,
                false,
                Map.of(
                        "x-queue-type", "quorum",
                        "x-delivery-limit", 1,
                        "x-dead-letter-exchange", "",
                        "x-dead-letter-routing-key", "limited.dlq"));
        publish("", "limited", "poison", null);
        String path = AdminClient.queuePath("limited") + "/get";
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson(AdminClient.queuePath("limited"))
                                .get("messages")
                                .asInt()
                        == 1);

        assertThat(admin.post(path, "{\"count\":1,\"ackmode\":\"ack_requeue_true\"}")
                        .json())
                .hasSize(1);
        JsonNode second = admin.post(path, "{\"count\":1,\"ackmode\":\"ack_requeue_true\"}")
                .json();
        assertThat(second.get(0).get("delivery_count").asInt()).isEqualTo(1);
        assertThat(admin.getJson(AdminClient.queuePath("limited"))
                        .get("messages")
                        .asInt())
                .isZero();
        assertThat(admin.getJson(AdminClient.queuePath("limited.dlq"))
                        .get("messages")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void deadLetterQueue_inspection_showsXDeathHeaders() throws Exception {
        channel.exchangeDeclare("dlx", "fanout");
        channel.queueDeclare("dlq", false, false, false, null);
        channel.queueBind("dlq", "dlx", "");
        channel.queueDeclare("work", false, false, false, Map.of("x-dead-letter-exchange", "dlx"));
        publish("", "work", "poison", null);
        GetResponse g = channel.basicGet("work", false);
        channel.basicReject(g.getEnvelope().getDeliveryTag(), false);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson(AdminClient.queuePath("dlq"))
                                .get("messages")
                                .asInt()
                        == 1);

        JsonNode m = admin.post(AdminClient.queuePath("dlq") + "/get", "{\"count\":1,\"ackmode\":\"ack_requeue_true\"}")
                .json()
                .get(0);
        assertThat(m.get("payload").asText()).isEqualTo("poison");
        assertThat(m.at("/properties/headers/x-first-death-reason").asText()).isEqualTo("rejected");
        JsonNode death = m.at("/properties/headers/x-death/0");
        assertThat(death.get("queue").asText()).isEqualTo("work");
        assertThat(death.get("reason").asText()).isEqualTo("rejected");
        assertThat(death.get("count").asLong()).isEqualTo(1);
        assertThat(admin.getJson(AdminClient.queuePath("work"))
                        .at("/message_stats/dead_lettered")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void purge_emptiesTheQueue_with204() throws Exception {
        channel.queueDeclare("full", false, false, false, null);
        for (int i = 0; i < 5; i++) {
            publish("", "full", "m" + i, null);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson(AdminClient.queuePath("full"))
                                .get("messages")
                                .asInt()
                        == 5);
        assertThat(admin.delete(AdminClient.queuePath("full") + "/contents").status())
                .isEqualTo(204);
        assertThat(admin.getJson(AdminClient.queuePath("full")).get("messages").asInt())
                .isZero();
        assertThat(channel.basicGet("full", true)).isNull();
    }

    @Test
    void exchangesAndBindings_listDeclaredTopology() throws Exception {
        channel.exchangeDeclare("events", "topic", true);
        channel.queueDeclare("audit", false, false, false, null);
        channel.queueBind("audit", "events", "order.*");

        JsonNode exchanges = admin.getJson("/api/exchanges");
        assertThat(names(exchanges)).contains("", "amq.direct", "amq.topic", "events");
        JsonNode events = admin.getJson("/api/exchanges/%2F/events");
        assertThat(events.get("type").asText()).isEqualTo("topic");
        assertThat(events.get("durable").asBoolean()).isTrue();
        assertThat(admin.get("/api/exchanges/%2F/nope").status()).isEqualTo(404);

        JsonNode bindings = admin.getJson("/api/bindings");
        List<String> described = new ArrayList<>();
        bindings.forEach(b -> described.add(b.get("source").asText() + "->"
                + b.get("destination").asText() + ":" + b.get("routing_key").asText() + "/"
                + b.get("destination_type").asText()));
        assertThat(described).containsExactly("->audit:audit/queue", "events->audit:order.*/queue");
    }

    @Test
    void connectionsAndChannels_reflectOpenClients() throws Exception {
        Channel second = connection.createChannel();
        second.basicQos(7);
        second.confirmSelect();
        second.queueDeclare("c", false, false, false, null);
        second.basicConsume("c", false, (tag, d) -> {}, tag -> {});

        JsonNode connections = admin.getJson("/api/connections");
        assertThat(connections).hasSize(1);
        assertThat(connections.get(0).get("user").asText()).isEqualTo("guest");
        assertThat(connections.get(0).get("channels").asInt()).isEqualTo(2);
        assertThat(connections.get(0).get("name").asText()).endsWith(" -> 127.0.0.1:" + broker.port());

        JsonNode channels = admin.getJson("/api/channels");
        assertThat(channels).hasSize(2);
        JsonNode ch2 = channels.get(1);
        assertThat(ch2.get("number").asInt()).isEqualTo(2);
        assertThat(ch2.get("prefetch_count").asInt()).isEqualTo(7);
        assertThat(ch2.get("confirm").asBoolean()).isTrue();
        assertThat(ch2.get("consumer_count").asInt()).isEqualTo(1);

        connection.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getJson("/api/connections").isEmpty());
    }

    @Test
    void journal_recordsEveryPublishInOrder_withRoutingAndConfirmResult() throws Exception {
        channel.confirmSelect();
        channel.exchangeDeclare("fan", "fanout");
        channel.queueDeclare("j1", false, false, false, null);
        channel.queueDeclare("j2", false, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        channel.queueBind("j1", "fan", "");
        AMQP.BasicProperties withId =
                new AMQP.BasicProperties.Builder().messageId("first").build();
        publish("fan", "k", "to j1", withId);
        publish("", "j2", "refused", null);
        channel.basicPublish("", "nowhere", true, null, "lost".getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirms(5000);

        JsonNode journal = admin.getJson("/api/journal");
        assertThat(journal.get("dropped").asLong()).isZero();
        JsonNode records = journal.get("records");
        assertThat(records).hasSize(3);
        assertThat(records.get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(records.get(0).get("exchange").asText()).isEqualTo("fan");
        assertThat(records.get(0).get("message_id").asText()).isEqualTo("first");
        assertThat(records.get(0).get("routed_queues").get(0).asText()).isEqualTo("j1");
        assertThat(records.get(0).get("confirm").asText()).isEqualTo("ack");
        assertThat(records.get(1).get("confirm").asText()).isEqualTo("nack");
        assertThat(records.get(2).get("returned").asBoolean()).isTrue();
        assertThat(records.get(2).get("routed_queues")).isEmpty();

        JsonNode after = admin.getJson("/api/journal?after=2&limit=5").get("records");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("routing_key").asText()).isEqualTo("nowhere");
    }

    @Test
    void journal_namesThePublishingConnectionAndKeepsTheBody_overHttpAndInJava() throws Exception {
        long mark = broker.publishJournalLastSequence();
        publish("", "nowhere", "effect body", null);
        channel.queueDeclare(); // a round trip: the publish before it is journaled

        var records = broker.publishJournal(mark, 10);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).body()).isEqualTo("effect body".getBytes(StandardCharsets.UTF_8));
        String client = "127.0.0.1:" + ((com.rabbitmq.client.impl.AMQConnection) connection).getLocalPort() + " -> ";
        assertThat(records.get(0).connectionName()).startsWith(client);
        JsonNode journal = admin.getJson("/api/journal?after=" + mark);
        assertThat(journal.get("last_sequence").asLong()).isEqualTo(mark + 1);
        JsonNode record = journal.get("records").get(0);
        assertThat(record.get("connection_name").asText()).startsWith(client);
        assertThat(new String(
                        java.util.Base64.getDecoder()
                                .decode(record.get("payload").asText()),
                        StandardCharsets.UTF_8))
                .isEqualTo("effect body");
    }

    @Test
    void metrics_exposePerQueueDepthDeliveriesRedeliveriesAndDeadLetters() throws Exception {
        channel.queueDeclare("m-dlq", false, false, false, null);
        channel.queueDeclare(
                "m", false, false, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "m-dlq"));
        publish("", "m", "1", null);
        publish("", "m", "2", null);
        publish("", "m", "3", null);
        GetResponse first = channel.basicGet("m", false);
        channel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
        GetResponse again = channel.basicGet("m", false);
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        channel.basicReject(again.getEnvelope().getDeliveryTag(), false);

        AdminClient.Reply r = admin.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        String text = r.body();
        assertThat(text)
                .contains("harness_queue_messages_ready{queue=\"m\",vhost=\"/\"} 2.0")
                .contains("harness_queue_messages_ready{queue=\"m-dlq\",vhost=\"/\"} 1.0")
                .contains("harness_queue_published_total{queue=\"m\",vhost=\"/\"} 3.0")
                .contains("harness_queue_delivered_total{queue=\"m\",vhost=\"/\"} 2.0")
                .contains("harness_queue_redelivered_total{queue=\"m\",vhost=\"/\"} 1.0")
                .contains("harness_queue_dead_lettered_total{queue=\"m\",vhost=\"/\"} 1.0")
                .contains("harness_connections 1.0");

        channel.queueDelete("m");
        assertThat(admin.get("/metrics").body()).doesNotContain("queue=\"m\"");
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }
}
