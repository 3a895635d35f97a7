package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The definitions format against RabbitMQ itself: what {@code rabbitmqctl export_definitions}
 * writes for a topology with a policy loads into the harness ({@code POST /api/definitions}), and
 * the harness exports the very same entries ({@code GET /api/definitions}).
 */
class DefinitionsConformanceTest extends ConformanceBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRabbitMqExport_loadsIntoTheHarness_whichExportsTheSameEntries() throws Exception {
        Target rabbit = targets().filter(Target::oracle).findFirst().orElseThrow();
        Channel ch = channel(rabbit);
        Assumptions.assumeTrue(PolicyControl.rabbitmqctlAvailable(), "rabbitmqctl not installed here");
        String p = name("defs");
        ch.exchangeDeclare(p + "-orders", "topic", true);
        deleteExchangeAfter(rabbit, p + "-orders");
        ch.exchangeDeclare(p + "-all", "fanout", true, false, Map.of("alternate-exchange", p + "-orders"));
        deleteExchangeAfter(rabbit, p + "-all");
        ch.queueDeclare(
                p + "-inventory",
                true,
                false,
                false,
                Map.of("x-message-ttl", 60000, "x-dead-letter-exchange", p + "-orders", "x-max-length", 10));
        deleteAfter(rabbit, p + "-inventory");
        ch.queueDeclare(p + "-audit", false, false, false, null);
        deleteAfter(rabbit, p + "-audit");
        ch.queueBind(p + "-inventory", p + "-orders", "order.*.placed");
        ch.queueBind(p + "-audit", p + "-orders", "#", Map.of("x-note", "all"));
        ch.exchangeBind(p + "-orders", p + "-all", "");
        PolicyControl rabbitPolicies = new PolicyControl(rabbit, harness().adminUri());
        cleanup(() -> rabbitPolicies.clear(p + "-limits"));
        assertThat(rabbitPolicies
                        .set(
                                p + "-limits",
                                "^" + p + "-",
                                "{\"max-length\":100,\"overflow\":\"reject-publish\"}",
                                "queues",
                                2)
                        .ok())
                .isTrue();

        JsonNode exported = only(p, rabbitmqExport());
        HttpResponse<String> post = http("POST", "/api/definitions", exported.toString());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(204);
        JsonNode harness =
                only(p, JSON.readTree(http("GET", "/api/definitions", null).body()));
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (String key : List.of("policies", "exchanges", "queues", "bindings")) {
            soft.assertThat(harness.get(key)).as(key).isEqualTo(exported.get(key));
        }
        soft.assertAll();
        assertThat(exported.get("queues")).hasSize(2);
        assertThat(exported.get("bindings")).hasSize(3);
        for (String q : List.of("-inventory", "-audit")) {
            http("DELETE", "/api/queues/%2F/" + p + q + "/contents", null);
        }
    }

    /** {@code rabbitmqctl export_definitions -}: the node writes the JSON to standard output. */
    private static JsonNode rabbitmqExport() throws Exception {
        Process proc = new ProcessBuilder("rabbitmqctl", "--quiet", "export_definitions", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = proc.getInputStream().readAllBytes();
        assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(new String(out)).isZero();
        return JSON.readTree(out);
    }

    /** The policies, exchanges, queues and bindings of this test (by name prefix), sorted; no users. */
    private static JsonNode only(String prefix, JsonNode definitions) {
        ObjectNode out = JSON.createObjectNode();
        out.set("vhosts", definitions.get("vhosts"));
        for (String key : List.of("policies", "exchanges", "queues", "bindings")) {
            List<JsonNode> mine = new ArrayList<>();
            for (JsonNode n : definitions.get(key)) {
                String name =
                        n.has("name") ? n.get("name").asText() : n.get("source").asText();
                if (name.startsWith(prefix)) {
                    mine.add(n);
                }
            }
            mine.sort(Comparator.comparing(n -> n.path("name").asText()
                    + n.path("source").asText() + " " + n.path("destination").asText() + " "
                    + n.path("routing_key").asText()));
            ArrayNode array = out.putArray(key);
            mine.forEach(array::add);
        }
        return out;
    }

    private HttpResponse<String> http(String method, String path, String body) throws Exception {
        URI uri = harness().adminUri().resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
