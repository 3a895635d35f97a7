package dev.eventcontracts.broker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.core.Views;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publish-side fault rules (docs/broker.md, *Fault injection*): {@code NackPublishes},
 * {@code RefusePublishes}, {@code CloseConnectionOnPublish}, seen through the official client.
 * Harness-only features, so there is no RabbitMQ half.
 */
class PublishFaultsTest {
    private HarnessBroker broker;
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void start() throws Exception {
        broker = HarnessBroker.builder().build().start();
        connection = connect();
        channel = connection.createChannel();
        channel.exchangeDeclare("orders", "topic");
        channel.queueDeclare("q", false, false, false, null);
        channel.queueBind("q", "orders", "#");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    private static void publish(Channel ch, String exchange, String key, String body) throws Exception {
        ch.basicPublish(exchange, key, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> drain() throws Exception {
        List<String> bodies = new java.util.ArrayList<>();
        try (Channel ch = connection.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet("q", true)) != null) {
                bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }

    private List<Views.PublishRecord> journal() {
        return broker.publishJournal(0, 100);
    }

    @Test
    void nackPublishes_inConfirmMode_nacksTheMatchingPublish_andDropsIt() throws Exception {
        broker.faults().add(new FaultRule.NackPublishes("orders", "order.placed", 1));
        channel.confirmSelect();
        BlockingQueue<String> confirms = new LinkedBlockingQueue<>();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                confirms.add("ack " + tag);
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                confirms.add("nack " + tag);
            }
        });

        publish(channel, "orders", "order.placed", "lost");
        assertThat(confirms.poll(5, TimeUnit.SECONDS)).isEqualTo("nack 1");
        publish(channel, "orders", "order.placed", "kept");
        assertThat(confirms.poll(5, TimeUnit.SECONDS)).isEqualTo("ack 2");

        assertThat(drain()).containsExactly("kept");
        assertThat(journal())
                .extracting(Views.PublishRecord::confirm, Views.PublishRecord::fault, Views.PublishRecord::routedQueues)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nack", "nack-publishes", List.of()),
                        org.assertj.core.groups.Tuple.tuple("ack", null, List.of("q")));
    }

    @Test
    void nackPublishes_waitForConfirms_reportsTheNack() throws Exception {
        broker.faults().add(new FaultRule.NackPublishes("orders", null, 1));
        channel.confirmSelect();
        publish(channel, "orders", "any.key", "lost");
        assertThat(channel.waitForConfirms(5_000)).as("all acked").isFalse();
        publish(channel, "orders", "any.key", "kept");
        assertThat(channel.waitForConfirms(5_000)).as("all acked").isTrue();
        assertThat(drain()).containsExactly("kept");
    }

    @Test
    void nackPublishes_withoutConfirms_losesTheMessageSilently() throws Exception {
        broker.faults().add(new FaultRule.NackPublishes("orders", null, 2));
        publish(channel, "orders", "a", "lost-1");
        publish(channel, "orders", "b", "lost-2");
        publish(channel, "orders", "c", "kept");

        // the channel stays open and nothing tells the publisher: a later declare still works
        assertThat(channel.queueDeclarePassive("q").getMessageCount()).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        assertThat(drain()).containsExactly("kept");
        assertThat(journal())
                .extracting(Views.PublishRecord::confirm, Views.PublishRecord::faulted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("none", true),
                        org.assertj.core.groups.Tuple.tuple("none", true),
                        org.assertj.core.groups.Tuple.tuple("none", false));
        assertThat(broker.faults().active()).as("times used up").isEmpty();
    }

    @Test
    void refusePublishes_closesTheChannelWith403_andDropsTheMessage() throws Exception {
        broker.faults().add(new FaultRule.RefusePublishes("orders", "order.placed", 1));
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        channel.addShutdownListener(closed::complete);

        publish(channel, "orders", "order.placed", "refused");

        ShutdownSignalException s = closed.get(5, TimeUnit.SECONDS);
        assertThat(s.isHardError()).as("connection error").isFalse();
        AMQP.Channel.Close close = (AMQP.Channel.Close) s.getReason();
        assertThat(close.getReplyCode()).isEqualTo(403);
        assertThat(close.getReplyText())
                .startsWith("ACCESS_REFUSED - ")
                .contains("exchange 'orders'", "routing key 'order.placed'", "fault rule RefusePublishes");
        assertThat(close.getClassId()).isEqualTo(60);
        assertThat(close.getMethodId()).isEqualTo(40);
        assertThat(connection.isOpen()).as("the connection stays").isTrue();

        Channel again = connection.createChannel();
        publish(again, "orders", "order.placed", "kept");
        assertThat(again.queueDeclarePassive("q").getMessageCount()).isEqualTo(1);
        assertThat(drain()).containsExactly("kept");
        assertThat(journal().get(0).fault()).isEqualTo("refuse-publishes");
    }

    @Test
    void closeConnectionOnPublish_closesTheConnectionWith320() throws Exception {
        broker.faults().add(new FaultRule.CloseConnectionOnPublish("orders", null, 1));
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        connection.addShutdownListener(closed::complete);

        publish(channel, "orders", "order.placed", "gone");

        ShutdownSignalException s = closed.get(5, TimeUnit.SECONDS);
        assertThat(s.isHardError()).as("connection error").isTrue();
        AMQP.Connection.Close close = (AMQP.Connection.Close) s.getReason();
        assertThat(close.getReplyCode()).isEqualTo(320);
        assertThat(close.getReplyText())
                .startsWith("CONNECTION_FORCED - ")
                .contains("fault rule CloseConnectionOnPublish");

        connection = connect();
        Channel again = connection.createChannel();
        publish(again, "orders", "order.placed", "kept");
        assertThat(again.queueDeclarePassive("q").getMessageCount()).isEqualTo(1);
        assertThat(drain()).containsExactly("kept");
        assertThat(journal())
                .extracting(Views.PublishRecord::fault)
                .containsExactly("close-connection-on-publish", null);
    }

    @Test
    void publishRules_matchTheExchangeAndRoutingKeyOnly() throws Exception {
        channel.queueBind("q", "amq.topic", "#");
        broker.faults().add(new FaultRule.NackPublishes("orders", "order.placed", 1));

        publish(channel, "amq.topic", "order.placed", "other exchange");
        publish(channel, "orders", "order.cancelled", "other key");
        publish(channel, "", "q", "default exchange");
        channel.queueDeclarePassive("q"); // the publishes before it are processed
        assertThat(broker.faults().active())
                .singleElement()
                .satisfies(f -> assertThat(f.applied()).isZero());
        publish(channel, "orders", "order.placed", "matched");
        publish(channel, "orders", "order.placed", "after the rule");

        assertThat(drain()).containsExactly("other exchange", "other key", "default exchange", "after the rule");
        assertThat(broker.faults().active()).isEmpty();
    }

    @Test
    void defaultExchange_canBeTargeted_byItsEmptyName() throws Exception {
        broker.faults().add(new FaultRule.NackPublishes("", "q", 1));
        publish(channel, "", "q", "lost");
        publish(channel, "orders", "x", "kept");
        assertThat(drain()).containsExactly("kept");
    }

    @Test
    void publishRules_validateTheirArguments_andDescribeTheirTarget() {
        assertThatThrownBy(() -> new FaultRule.NackPublishes(null, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exchange");
        assertThatThrownBy(() -> new FaultRule.RefusePublishes("orders", null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'times' must be at least 1");
        assertThat(new FaultRule.CloseConnectionOnPublish("orders", "k", 1).target())
                .isEqualTo("publishes to exchange 'orders' with routing key 'k'");
        assertThat(new FaultRule.NackPublishes("orders", null, 1).target()).isEqualTo("publishes to exchange 'orders'");
        assertThat(new FaultRule.LoseAcks("q", 1).target()).isEqualTo("queue 'q'");
    }

    @Test
    void adminApi_roundTripsPublishRules_andTheJournalShowsTheFault() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper mapper = new ObjectMapper();
        for (String body : List.of(
                "{\"type\":\"nack-publishes\",\"exchange\":\"orders\",\"routing_key\":\"order.placed\",\"times\":1}",
                "{\"type\":\"refuse-publishes\",\"exchange\":\"billing\",\"times\":2}",
                "{\"type\":\"close-connection-on-publish\",\"exchange\":\"\",\"routing_key\":null,\"times\":3}")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(broker.adminUri().resolve("/api/faults"))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        assertThat(broker.faults().active())
                .extracting(Faults.ActiveFault::rule)
                .containsExactly(
                        new FaultRule.NackPublishes("orders", "order.placed", 1),
                        new FaultRule.RefusePublishes("billing", null, 2),
                        new FaultRule.CloseConnectionOnPublish("", null, 3));
        JsonNode listed = mapper.readTree(http.send(
                        HttpRequest.newBuilder(broker.adminUri().resolve("/api/faults"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(listed.get(0).get("type").asText()).isEqualTo("nack-publishes");
        assertThat(listed.get(0).get("exchange").asText()).isEqualTo("orders");
        assertThat(listed.get(0).get("routing_key").asText()).isEqualTo("order.placed");
        assertThat(listed.get(0).get("times").asInt()).isEqualTo(1);
        assertThat(listed.get(1).get("routing_key").isNull()).isTrue();
        assertThat(listed.get(2).get("exchange").asText()).isEmpty();

        HttpResponse<String> bad = http.send(
                HttpRequest.newBuilder(broker.adminUri().resolve("/api/faults"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"type\":\"nack-publishes\",\"routing_key\":\"k\",\"times\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'exchange'");

        publish(channel, "orders", "order.placed", "lost");
        await().atMost(Duration.ofSeconds(5)).until(() -> !journal().isEmpty());
        JsonNode record = mapper.readTree(http.send(
                                HttpRequest.newBuilder(broker.adminUri().resolve("/api/journal"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .get("records")
                .get(0);
        assertThat(record.get("fault").asText()).isEqualTo("nack-publishes");
        assertThat(record.get("routed_queues")).isEmpty();
    }
}
