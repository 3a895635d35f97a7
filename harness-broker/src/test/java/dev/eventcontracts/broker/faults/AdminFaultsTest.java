package dev.eventcontracts.broker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.HarnessBroker;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminFaultsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private HarnessBroker broker;

    @BeforeEach
    void start() {
        broker = HarnessBroker.builder().build().start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return http.send(
                HttpRequest.newBuilder(broker.adminUri().resolve(path))
                        .method(method, publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void postedRule_isListed_appliesToDeliveries_andCanBeDeleted() throws Exception {
        HttpResponse<String> created =
                send("POST", "/api/faults", "{\"type\":\"duplicate-deliveries\",\"queue\":\"q\",\"times\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json(created).get("id").asLong();
        assertThat(json(send("GET", "/api/faults", null)).get(0).get("type").asText())
                .isEqualTo("duplicate-deliveries");

        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("q", false, false, false, null);
            BlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
            ch.basicConsume("q", true, (tag, d) -> got.add(d), tag -> {});
            ch.basicPublish("", "q", null, "m".getBytes(StandardCharsets.UTF_8));
            assertThat(got.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(got.poll(5, TimeUnit.SECONDS).getEnvelope().isRedeliver())
                    .isTrue();
        }
        assertThat(json(send("GET", "/api/faults", null))).isEmpty();

        long pause = json(send(
                        "POST", "/api/faults", "{\"type\":\"pause-queue\",\"queue\":\"q\",\"duration_ms\":60000}"))
                .get("id")
                .asLong();
        assertThat(pause).isGreaterThan(id);
        assertThat(send("DELETE", "/api/faults/" + pause, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/faults/" + pause, null).statusCode()).isEqualTo(404);
        send("POST", "/api/faults", "{\"type\":\"lose-acks\",\"queue\":\"q\",\"times\":2}");
        assertThat(send("DELETE", "/api/faults", null).statusCode()).isEqualTo(204);
        assertThat(broker.faults().active()).isEmpty();
    }

    @Test
    void restartBrokerRule_isPostedAsJson_andRestartsTheBrokerAfterTheKthDelivery() throws Exception {
        HttpResponse<String> created =
                send("POST", "/api/faults", "{\"type\":\"restart-broker\",\"queue\":\"jobs\",\"deliveries\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode rule = json(created);
        assertThat(rule.get("type").asText()).isEqualTo("restart-broker");
        assertThat(rule.get("queue").asText()).isEqualTo("jobs");
        assertThat(rule.get("deliveries").asInt()).isEqualTo(1);
        assertThat(rule.get("applied").asInt()).isZero();

        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        Connection c = f.newConnection();
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        c.addShutdownListener(closed::complete);
        Channel ch = c.createChannel();
        ch.queueDeclare("jobs", true, false, false, null);
        ch.queueDeclare("scratch", false, false, false, null);
        ch.basicPublish(
                "", "jobs", new AMQP.BasicProperties.Builder().deliveryMode(2).build(), new byte[] {1});
        assertThat(ch.basicGet("jobs", false)).isNotNull();
        assertThat(closed.get(10, TimeUnit.SECONDS).getMessage())
                .contains("reply-code=320")
                .contains("shutdown");
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.restarts() == 1);
        JsonNode queues = json(send("GET", "/api/queues", null));
        assertThat(queues).extracting(q -> q.get("name").asText()).containsExactly("jobs");
        assertThat(queues.get(0).get("messages").asInt()).isEqualTo(1);
        assertThat(json(send("GET", "/api/faults", null))).isEmpty();
    }

    @Test
    void postRestart_is202_closesClients_andKeepsDurableQueues() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        Connection c = f.newConnection();
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        c.addShutdownListener(closed::complete);
        Channel ch = c.createChannel();
        ch.queueDeclare("kept", true, false, false, null);
        ch.queueDeclare("dropped", false, false, false, null);

        ch.confirmSelect();
        ch.basicPublish("", "kept", null, new byte[] {1});
        ch.waitForConfirmsOrDie(5000);
        HttpResponse<String> restart = send("POST", "/api/restart", "{\"reason\":\"chaos test\"}");
        assertThat(restart.statusCode()).isEqualTo(202);
        assertThat(json(restart).get("reason").asText()).isEqualTo("chaos test");
        assertThat(closed.get(10, TimeUnit.SECONDS).getMessage()).contains("reply-code=320");
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.restarts() == 1);

        assertThat(json(send("GET", "/api/queues", null)))
                .extracting(q -> q.get("name").asText())
                .containsExactly("kept");
        assertThat(json(send("GET", "/api/journal", null)).get("records"))
                .as("the publish journal spans the restart")
                .singleElement()
                .satisfies(r -> assertThat(r.get("routing_key").asText()).isEqualTo("kept"));
        try (Connection again = f.newConnection()) {
            assertThat(again.createChannel().queueDeclarePassive("kept").getMessageCount())
                    .isZero();
        }
        assertThat(send("POST", "/api/restart", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.restarts() == 2);
    }

    @Test
    void badRestartRequests_are400Or405WithTheReason() throws Exception {
        HttpResponse<String> zero =
                send("POST", "/api/faults", "{\"type\":\"restart-broker\",\"queue\":\"q\",\"deliveries\":0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(zero).get("reason").asText()).contains("'deliveries' must be at least 1, got '0'");

        HttpResponse<String> text =
                send("POST", "/api/faults", "{\"type\":\"restart-broker\",\"queue\":\"q\",\"deliveries\":\"two\"}");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).get("reason").asText()).contains("'deliveries' must be an integer");

        HttpResponse<String> noQueue = send("POST", "/api/faults", "{\"type\":\"restart-broker\",\"deliveries\":1}");
        assertThat(noQueue.statusCode()).isEqualTo(400);
        assertThat(json(noQueue).get("reason").asText()).contains("'queue' must be a string");

        HttpResponse<String> array = send("POST", "/api/restart", "[1]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).get("reason").asText()).contains("JSON object");
        HttpResponse<String> unknownField = send("POST", "/api/restart", "{\"delay\":5}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).get("reason").asText()).contains("[delay]");
        HttpResponse<String> badReason = send("POST", "/api/restart", "{\"reason\":7}");
        assertThat(json(badReason).get("reason").asText()).contains("'reason' must be a string");
        assertThat(send("POST", "/api/restart", "{oops").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/restart", null).statusCode()).isEqualTo(405);
        assertThat(send("POST", "/api/restart/now", null).statusCode()).isEqualTo(404);
        assertThat(broker.restarts()).isZero();
    }

    @Test
    void badRules_are400WithTheReason() throws Exception {
        HttpResponse<String> notJson = send("POST", "/api/faults", "{oops");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("reason").asText()).contains("not JSON");

        HttpResponse<String> unknown = send("POST", "/api/faults", "{\"type\":\"explode\",\"queue\":\"q\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("reason").asText()).contains("type 'explode' is unknown");

        HttpResponse<String> zero = send("POST", "/api/faults", "{\"type\":\"lose-acks\",\"queue\":\"q\",\"times\":0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).get("reason").asText()).contains("'times' must be at least 1");

        HttpResponse<String> missing = send("POST", "/api/faults", "{\"type\":\"pause-queue\",\"queue\":\"q\"}");
        assertThat(json(missing).get("reason").asText()).contains("'duration_ms'");
        assertThat(send("DELETE", "/api/faults/abc", null).statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/api/faults", "{}").statusCode()).isEqualTo(405);
    }
}
