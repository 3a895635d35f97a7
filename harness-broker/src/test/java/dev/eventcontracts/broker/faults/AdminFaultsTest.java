package dev.eventcontracts.broker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.eventcontracts.broker.HarnessBroker;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
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
