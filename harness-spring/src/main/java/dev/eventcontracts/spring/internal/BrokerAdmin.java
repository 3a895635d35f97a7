package dev.eventcontracts.spring.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The harness broker's admin HTTP API as service mode uses it (docs/broker.md, Admin API): fault
 * rules, the publish journal, queue state and contents, exchanges. Works the same for an in-JVM
 * broker and for the one the plugin's {@code start} goal started in the Maven JVM.
 */
public final class BrokerAdmin {

    private static final String VHOST = "%2F";

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A client of the admin API at {@code base}, e.g. {@code http://127.0.0.1:15672}. */
    public BrokerAdmin(URI base) {
        this.base = base;
    }

    /** The admin API's base URI. */
    public URI base() {
        return base;
    }

    /**
     * One queue's declaration and counters.
     *
     * @param arguments the queue's own {@code x-} arguments
     * @param policy the policy in force on the queue, or null
     * @param policyDefinition that policy's definition ({@code dead-letter-exchange}, ...), or empty
     */
    public record QueueState(
            String name,
            Map<String, Object> arguments,
            String policy,
            Map<String, Object> policyDefinition,
            int ready,
            int unacked,
            int consumers,
            long published,
            long delivered,
            long redelivered,
            long acked,
            long deadLettered) {

        /** Ready plus unacknowledged messages. */
        public int messages() {
            return ready + unacked;
        }

        /**
         * A queue setting as text, or empty: the {@code x-} argument, else the policy's key of the
         * same name without {@code x-} (for the keys where the argument wins over the policy, as
         * RabbitMQ does; docs/broker.md, Policies).
         */
        public Optional<String> argument(String name) {
            Object v = effectiveArguments().get(name);
            return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
        }

        /** The queue's arguments with the dead-letter settings its policy supplies added. */
        public Map<String, Object> effectiveArguments() {
            Map<String, Object> out = new LinkedHashMap<>(arguments);
            for (String key : List.of("dead-letter-exchange", "dead-letter-routing-key")) {
                Object fromPolicy = policyDefinition.get(key);
                if (fromPolicy != null) {
                    out.putIfAbsent("x-" + key, fromPolicy);
                }
            }
            return out;
        }
    }

    /** A message waiting in a queue, with its {@code x-death} entries. */
    public record QueuedMessage(String messageId, String routingKey, int deliveryCount, List<Death> deaths) {}

    /** One {@code x-death} entry. */
    public record Death(String queue, String reason, String exchange, long count) {}

    /** One client publish recorded by the broker. */
    public record Publish(
            long sequence,
            String exchange,
            String routingKey,
            List<String> routedQueues,
            boolean returned,
            String messageId,
            int bodySize,
            byte[] body,
            String confirm,
            String fault) {

        /** Whether a publish fault rule stopped it (it was never routed). */
        public boolean faulted() {
            return fault != null;
        }
    }

    /** Adds a fault rule, e.g. {@code {"type":"lose-acks","queue":"q","times":1}}. */
    public void addFault(Map<String, Object> rule) {
        send("POST", "/api/faults", rule);
    }

    /**
     * Adds a publish fault rule for the service's publishes to {@code exchange} with {@code
     * routingKey}: {@code nack-publishes}, {@code refuse-publishes} or {@code
     * close-connection-on-publish} (docs/broker.md, fault injection).
     */
    public void addPublishFault(String type, String exchange, String routingKey, int times) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", type);
        rule.put("exchange", exchange);
        rule.put("routing_key", routingKey);
        rule.put("times", times);
        addFault(rule);
    }

    /** Ends every fault rule. */
    public void clearFaults() {
        send("DELETE", "/api/faults", null);
    }

    /** The queue, or empty when it does not exist. */
    public Optional<QueueState> queue(String name) {
        return get("/api/queues/" + VHOST + "/" + encode(name)).map(this::queueState);
    }

    /** Every queue. */
    public List<QueueState> queues() {
        List<QueueState> out = new ArrayList<>();
        get("/api/queues").ifPresent(a -> a.forEach(q -> out.add(queueState(q))));
        return out;
    }

    /** The definition of policy {@code name}, or empty when there is none. */
    public Map<String, Object> policyDefinition(String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        get("/api/policies/" + VHOST + "/" + encode(name))
                .ifPresent(p -> p.path("definition")
                        .fields()
                        .forEachRemaining(e -> out.put(
                                e.getKey(),
                                e.getValue().isTextual()
                                        ? e.getValue().asText()
                                        : e.getValue().toString())));
        return out;
    }

    /** Whether the exchange exists. */
    public boolean exchangeExists(String name) {
        return name.isEmpty()
                || get("/api/exchanges/" + VHOST + "/" + encode(name)).isPresent();
    }

    /** Up to {@code count} messages of the queue, left in place. */
    public List<QueuedMessage> peek(String queue, int count) {
        List<QueuedMessage> out = new ArrayList<>();
        get("/api/queues/" + VHOST + "/" + encode(queue) + "/messages?count=" + count)
                .ifPresent(a -> a.forEach(m -> {
                    JsonNode props = m.path("properties");
                    List<Death> deaths = new ArrayList<>();
                    props.path("headers")
                            .path("x-death")
                            .forEach(d -> deaths.add(new Death(
                                    d.path("queue").asText(),
                                    d.path("reason").asText(),
                                    d.path("exchange").asText(),
                                    d.path("count").asLong())));
                    out.add(new QueuedMessage(
                            props.path("message_id").asText(null),
                            m.path("routing_key").asText(),
                            m.path("delivery_count").asInt(),
                            deaths));
                }));
        return out;
    }

    /** Removes every message of the queue (no-op when it does not exist). */
    public void purge(String queue) {
        send("DELETE", "/api/queues/" + VHOST + "/" + encode(queue) + "/contents", null);
    }

    /** Publishes after sequence {@code after}, oldest first. */
    public List<Publish> journal(long after) {
        List<Publish> out = new ArrayList<>();
        get("/api/journal?after=" + after + "&limit=100000")
                .ifPresent(j -> j.path("records").forEach(r -> {
                    List<String> routed = new ArrayList<>();
                    r.path("routed_queues").forEach(q -> routed.add(q.asText()));
                    out.add(new Publish(
                            r.path("sequence").asLong(),
                            r.path("exchange").asText(),
                            r.path("routing_key").asText(),
                            routed,
                            r.path("returned").asBoolean(),
                            r.path("message_id").isNull()
                                    ? null
                                    : r.path("message_id").asText(null),
                            r.path("payload_bytes").asInt(),
                            r.path("payload").isTextual()
                                    ? java.util.Base64.getDecoder()
                                            .decode(r.path("payload").asText())
                                    : null,
                            r.path("confirm").asText("none"),
                            r.path("fault").isTextual() ? r.path("fault").asText() : null));
                }));
        return out;
    }

    /** The highest journal sequence so far, asking only for records after {@code known}. */
    public long journalEnd(long known) {
        List<Publish> newer = journal(known);
        return newer.isEmpty() ? known : newer.get(newer.size() - 1).sequence();
    }

    private QueueState queueState(JsonNode q) {
        Map<String, Object> args = new LinkedHashMap<>();
        q.path("arguments")
                .fields()
                .forEachRemaining(e -> args.put(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
        JsonNode s = q.path("message_stats");
        String policy =
                q.path("policy").isTextual() && !q.path("policy").asText().isEmpty()
                        ? q.path("policy").asText()
                        : null;
        return new QueueState(
                q.path("name").asText(),
                args,
                policy,
                policy == null ? Map.of() : policyDefinition(policy),
                q.path("messages_ready").asInt(),
                q.path("messages_unacknowledged").asInt(),
                q.path("consumers").asInt(),
                s.path("publish").asLong(),
                s.path("deliver_get").asLong(),
                s.path("redeliver").asLong(),
                s.path("ack").asLong(),
                s.path("dead_lettered").asLong());
    }

    private Optional<JsonNode> get(String path) {
        HttpResponse<byte[]> r = exchange("GET", path, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        check(r, "GET", path);
        try {
            return Optional.of(json.readTree(r.body()));
        } catch (IOException e) {
            throw new BrokerAdminException("GET " + base + path + " answered with unreadable JSON: " + e.getMessage());
        }
    }

    private void send(String method, String path, Object body) {
        HttpResponse<byte[]> r = exchange(method, path, body);
        if (!(method.equals("DELETE") && r.statusCode() == 404)) {
            check(r, method, path);
        }
    }

    private HttpResponse<byte[]> exchange(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, publisher)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new BrokerAdminException("The harness broker's admin API at '" + base + "' is unreachable (" + method
                    + " " + path + ": " + e + "). Check -Deventcontracts.admin.uri, or leave it and"
                    + " eventcontracts.amqp.uri unset to start a broker in the test JVM.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerAdminException("interrupted while calling " + base + path);
        }
    }

    private void check(HttpResponse<byte[]> r, String method, String path) {
        if (r.statusCode() / 100 != 2) {
            throw new BrokerAdminException(method + " " + base + path + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The admin API failed or answered unexpectedly; the message names the call and the fix. */
    public static final class BrokerAdminException extends RuntimeException {
        BrokerAdminException(String message) {
            super(message);
        }
    }
}
