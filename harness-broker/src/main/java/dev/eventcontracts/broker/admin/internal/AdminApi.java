package dev.eventcontracts.broker.admin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.broker.admin.definitions.Accounts;
import dev.eventcontracts.broker.core.Views;
import dev.eventcontracts.broker.core.VirtualHostAdmin;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The admin HTTP API without the HTTP server: routes one request to the virtual host and renders
 * JSON in the shapes of RabbitMQ's management API. Runs on the broker's thread.
 */
final class AdminApi {
    /** One HTTP request: method, path without query, decoded query parameters, body. */
    record Request(String method, String path, Map<String, String> query, byte[] body, Map<String, String> headers) {
        Request(String method, String path, Map<String, String> query, byte[] body) {
            this(method, path, query, body, Map.of());
        }

        /** A request header, matched ignoring case. */
        String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /** One HTTP response. */
    record Response(int status, String contentType, byte[] body) {}

    private static final String JSON = "application/json";

    private final VirtualHostAdmin admin;
    private final Rates rates;
    /** Made at the first scrape: Micrometer and Prometheus load ~100 classes, too many for start-up. */
    private BrokerMetrics metrics;

    private final List<Map<String, Object>> listeners;
    private final PolicyRoutes policyRoutes;

    AdminApi(VirtualHostAdmin admin, LongSupplier nanoClock, List<Map<String, Object>> listeners) {
        this(admin, nanoClock, listeners, Accounts.NONE);
    }

    AdminApi(VirtualHostAdmin admin, LongSupplier nanoClock, List<Map<String, Object>> listeners, Accounts accounts) {
        this.admin = admin;
        this.rates = new Rates(nanoClock);
        this.listeners = listeners;
        this.policyRoutes = new PolicyRoutes(admin, accounts);
    }

    /** Jackson, loaded at the first JSON request rather than at broker start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private synchronized BrokerMetrics metrics() {
        if (metrics == null) {
            metrics = new BrokerMetrics();
        }
        return metrics;
    }

    /** Handles one request; never throws. */
    Response handle(Request r) {
        try {
            return route(r);
        } catch (ApiError e) {
            return error(e.status, e.error, e.getMessage());
        } catch (RuntimeException e) {
            return error(500, "internal_error", e.toString());
        }
    }

    private Response route(Request r) {
        if (r.path().equals("/metrics")) {
            requireMethod(r, "GET");
            return new Response(
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    metrics().scrape(admin).getBytes(StandardCharsets.UTF_8));
        }
        List<String> p = segments(r.path());
        if (p.size() < 2 || !p.get(0).equals("api")) {
            throw new ApiError(404, "not_found", "no resource at '" + r.path() + "'; see docs/broker.md, Admin API");
        }
        String resource = p.get(1);
        List<String> rest = p.subList(2, p.size());
        if (!rest.isEmpty()
                && !Set.of("faults", "restart", "connections", "users", "alarms")
                        .contains(resource)) {
            requireVhost(rest.get(0));
        }
        return switch (resource) {
            case "overview" -> json(overview(), r, "GET", rest.isEmpty());
            case "nodes" ->
                json(List.of(JsonShapes.node(admin.memory(), admin.storeFailure())), r, "GET", rest.isEmpty());
            case "queues" -> queues(r, rest);
            case "exchanges" -> exchanges(r, rest);
            case "bindings" -> json(bindings(), r, "GET", rest.size() <= 1);
            case "connections" -> ConnectionControl.handle(this, admin, r, rest);
            case "users" -> ConnectionControl.users(this, admin, r, rest);
            case "channels" ->
                json(mapAll(admin.channels(), c -> JsonShapes.channel(admin.name(), c)), r, "GET", rest.isEmpty());
            case "journal" -> json(journal(r), r, "GET", rest.size() <= 1);
            case "faults" -> faults(r, rest);
            case "restart" -> restart(r, rest);
            case "policies" -> reply(policyRoutes.policies(r.method(), rest, r.body(), r.path()));
            case "alarms" -> reply(AlarmRoutes.alarms(admin, r.method(), rest, r.path()));
            case "memory-high-watermark" -> {
                if (!rest.isEmpty()) {
                    throw notFound(r.path());
                }
                yield reply(AlarmRoutes.highWatermark(
                        admin, r.method(), r.body(), r.path(), b -> readJson(b, "{\"fraction\":0.4}")));
            }
            case "definitions" -> {
                if (!rest.isEmpty()) {
                    throw notFound(r.path());
                }
                yield reply(policyRoutes.definitions(r.method(), r.body(), r.path()));
            }
            default -> throw new ApiError(404, "not_found", "no resource '/api/" + resource + "'");
        };
    }

    private Response queues(Request r, List<String> rest) {
        if (rest.size() <= 1) {
            return json(queueList(), r, "GET", true);
        }
        String name = rest.get(1);
        String action = rest.size() > 2 ? rest.get(2) : null;
        if (rest.size() > 3) {
            throw notFound(r.path());
        }
        if (action == null) {
            requireMethod(r, "GET");
            Views.QueueView q = admin.queue(name).orElseThrow(() -> noQueue(name));
            return ok(JsonShapes.queue(admin.name(), q, rates.sample(q)));
        }
        switch (action) {
            case "contents" -> {
                requireMethod(r, "DELETE");
                OptionalInt purged = admin.purge(name);
                if (purged.isEmpty()) {
                    throw noQueue(name);
                }
                return new Response(204, JSON, new byte[0]);
            }
            case "get" -> {
                requireMethod(r, "POST");
                return getMessages(name, r.body());
            }
            case "messages" -> {
                requireMethod(r, "GET");
                int count = intParam(r.query(), "count", 100);
                List<Views.MessageView> peeked = admin.peek(name, count).orElseThrow(() -> noQueue(name));
                return ok(messages(peeked, admin.queue(name).orElseThrow().messagesReady()));
            }
            default -> throw notFound(r.path());
        }
    }

    private Response faults(Request r, List<String> rest) {
        if (rest.isEmpty()) {
            switch (r.method()) {
                case "GET" -> {
                    return ok(mapAll(admin.faults(), FaultJson::write));
                }
                case "POST" -> {
                    JsonNode body =
                            readJson(r.body(), "{\"type\":\"duplicate-deliveries\",\"queue\":\"orders\",\"times\":1}");
                    try {
                        return created(FaultJson.write(admin.addFault(FaultJson.read(body))));
                    } catch (IllegalArgumentException e) {
                        throw new ApiError(400, "bad_request", e.getMessage());
                    }
                }
                case "DELETE" -> {
                    admin.clearFaults();
                    return new Response(204, JSON, new byte[0]);
                }
                default ->
                    throw new ApiError(
                            405,
                            "method_not_allowed",
                            r.method() + " is not allowed on '" + r.path() + "'; use GET, POST or DELETE");
            }
        }
        if (rest.size() > 1) {
            throw notFound(r.path());
        }
        requireMethod(r, "DELETE");
        long id;
        try {
            id = Long.parseLong(rest.get(0));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", "fault id '" + rest.get(0) + "' is not a number");
        }
        if (!admin.removeFault(id)) {
            throw new ApiError(404, "not_found", "no active fault rule with id '" + id + "'");
        }
        return new Response(204, JSON, new byte[0]);
    }

    /**
     * {@code POST /api/restart}: the broker restarts with its durable state right after this
     * answer ({@code 202}); clients see {@code 320 CONNECTION_FORCED} and may reconnect on the
     * same port. An optional body {@code {"reason":"..."}} is echoed.
     */
    private Response restart(Request r, List<String> rest) {
        if (!rest.isEmpty()) {
            throw notFound(r.path());
        }
        requireMethod(r, "POST");
        String reason = "admin API request";
        if (r.body().length > 0) {
            JsonNode body = readJson(r.body(), "{\"reason\":\"test restart\"}");
            if (body == null || !body.isObject()) {
                throw new ApiError(
                        400,
                        "bad_request",
                        "request body must be empty or a JSON object like {\"reason\":\"test restart\"}, got '" + body
                                + "'");
            }
            JsonNode given = body.get("reason");
            Set<String> unknown = new TreeSet<>();
            body.fieldNames().forEachRemaining(unknown::add);
            unknown.remove("reason");
            if (!unknown.isEmpty()) {
                throw new ApiError(
                        400,
                        "bad_request",
                        "unknown field(s) " + unknown + " in restart request; only 'reason' is allowed");
            }
            if (given != null) {
                if (!given.isTextual()) {
                    throw new ApiError(400, "bad_request", "'reason' must be a string, got '" + given + "'");
                }
                reason = given.asText();
            }
        }
        if (!admin.requestRestart(reason)) {
            throw new ApiError(
                    409,
                    "conflict",
                    "this broker cannot restart now (it is stopping, or has no HarnessBroker around it)");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("restarting", true);
        m.put("reason", reason);
        return status(202, m);
    }

    JsonNode readJson(byte[] body, String example) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(
                    400,
                    "bad_request",
                    "request body is not JSON: " + e.getOriginalMessage() + "; send e.g. " + example);
        } catch (java.io.IOException e) {
            throw new ApiError(400, "bad_request", e.getMessage());
        }
    }

    private Response getMessages(String queue, byte[] body) {
        JsonNode req = readJson(body, "{\"count\":5,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}");
        if (req == null || !req.isObject()) {
            throw new ApiError(
                    400,
                    "bad_request",
                    "request body must be a JSON object like {\"count\":5,\"ackmode\":\"ack_requeue_true\"}");
        }
        JsonNode countNode = req.get("count");
        if (countNode == null || !countNode.canConvertToInt() || countNode.asInt() < 1) {
            throw new ApiError(400, "bad_request", "'count' must be a positive integer, got '" + countNode + "'");
        }
        int count = countNode.asInt();
        String ackmode = req.path("ackmode").asText("ack_requeue_true");
        List<Views.MessageView> out = switch (ackmode) {
            case "ack_requeue_true", "reject_requeue_true" ->
                admin.getRequeue(queue, count).orElseThrow(() -> noQueue(queue));
            case "ack_requeue_false" -> admin.take(queue, count, false).orElseThrow(() -> noQueue(queue));
            case "reject_requeue_false" -> admin.take(queue, count, true).orElseThrow(() -> noQueue(queue));
            default ->
                throw new ApiError(
                        400,
                        "bad_request",
                        "'ackmode' '" + ackmode
                                + "' is unknown; use ack_requeue_true, ack_requeue_false, reject_requeue_true or reject_requeue_false");
        };
        int ready = admin.queue(queue).map(Views.QueueView::messagesReady).orElse(0);
        boolean removed = ackmode.endsWith("_false");
        return ok(messages(out, removed ? ready + out.size() : ready));
    }

    private static List<Map<String, Object>> messages(List<Views.MessageView> views, int ready) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            out.add(JsonShapes.message(views.get(i), Math.max(0, ready - i - 1)));
        }
        return out;
    }

    private Response exchanges(Request r, List<String> rest) {
        if (rest.size() <= 1) {
            return json(mapAll(admin.exchanges(), e -> JsonShapes.exchange(admin.name(), e)), r, "GET", true);
        }
        requireMethod(r, "GET");
        if (rest.size() > 2) {
            throw notFound(r.path());
        }
        String name = rest.get(1);
        return ok(admin.exchanges().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .map(e -> JsonShapes.exchange(admin.name(), e))
                .orElseThrow(() ->
                        new ApiError(404, "not_found", "no exchange '" + name + "' in vhost '" + admin.name() + "'")));
    }

    private List<Map<String, Object>> queueList() {
        List<Views.QueueView> all = admin.queues();
        rates.retain(all.stream().map(Views.QueueView::name).collect(java.util.stream.Collectors.toSet()));
        return mapAll(all, q -> JsonShapes.queue(admin.name(), q, rates.sample(q)));
    }

    private List<Map<String, Object>> bindings() {
        return mapAll(admin.bindings(), b -> JsonShapes.binding(admin.name(), b));
    }

    private Map<String, Object> overview() {
        List<Views.QueueView> queues = admin.queues();
        long ready = 0;
        long unacked = 0;
        long consumers = 0;
        long delivered = 0;
        long redelivered = 0;
        long acked = 0;
        for (Views.QueueView q : queues) {
            ready += q.messagesReady();
            unacked += q.messagesUnacknowledged();
            consumers += q.consumers();
            delivered += q.counters().delivered();
            redelivered += q.counters().redelivered();
            acked += q.counters().acked();
        }
        List<Views.PublishRecord> all = admin.journal(0, Integer.MAX_VALUE);
        long published = admin.journalDropped() + all.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("management_version", "3.10.8");
        m.put("rabbitmq_version", "3.10.8");
        m.put("product_name", "event-contracts harness broker");
        m.put("product_version", "3.10.8");
        m.put("node", "harness@localhost");
        m.put("cluster_name", "harness@localhost");
        m.put(
                "queue_totals",
                Map.of("messages", ready + unacked, "messages_ready", ready, "messages_unacknowledged", unacked));
        m.put(
                "object_totals",
                Map.of(
                        "connections", admin.connections().size(),
                        "channels", admin.channels().size(),
                        "exchanges", admin.exchanges().size(),
                        "queues", queues.size(),
                        "consumers", consumers));
        m.put(
                "message_stats",
                Map.of("publish", published, "deliver_get", delivered, "redeliver", redelivered, "ack", acked));
        m.put("listeners", listeners);
        return m;
    }

    private Map<String, Object> journal(Request r) {
        long after = longParam(r.query(), "after", 0);
        int limit = intParam(r.query(), "limit", 1000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dropped", admin.journalDropped());
        m.put("last_sequence", admin.journalLastSequence());
        m.put("records", mapAll(admin.journal(after, limit), JsonShapes::publish));
        return m;
    }

    // ---- helpers ---------------------------------------------------------------------------

    Response json(Object value, Request r, String method, boolean pathOk) {
        if (!pathOk) {
            throw notFound(r.path());
        }
        requireMethod(r, method);
        return ok(value);
    }

    private Response reply(PolicyRoutes.Reply reply) {
        if (reply.body() == null) {
            return new Response(reply.status(), JSON, new byte[0]);
        }
        return status(reply.status(), reply.body());
    }

    Response ok(Object value) {
        return status(200, value);
    }

    private Response created(Object value) {
        return status(201, value);
    }

    private Response status(int status, Object value) {
        try {
            return new Response(status, JSON, Json.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render admin response: " + e.getOriginalMessage(), e);
        }
    }

    private Response error(int status, String error, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("reason", reason);
        try {
            return new Response(status, JSON, Json.MAPPER.writeValueAsBytes(m));
        } catch (JsonProcessingException e) {
            return new Response(500, JSON, "{\"error\":\"internal_error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void requireMethod(Request r, String method) {
        if (!r.method().equals(method)) {
            throw new ApiError(
                    405, "method_not_allowed", r.method() + " is not allowed on '" + r.path() + "'; use " + method);
        }
    }

    private void requireVhost(String vhost) {
        if (!vhost.equals(admin.name())) {
            throw new ApiError(
                    404, "not_found", "no vhost '" + vhost + "'; the harness has only '/' (write it as %2F)");
        }
    }

    private ApiError noQueue(String name) {
        return new ApiError(404, "not_found", "no queue '" + name + "' in vhost '" + admin.name() + "'");
    }

    private static ApiError notFound(String path) {
        return new ApiError(404, "not_found", "no resource at '" + path + "'");
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static int intParam(Map<String, String> q, String name, int dflt) {
        long v = longParam(q, name, dflt);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new ApiError(
                    400, "bad_request", "query parameter '" + name + "' must be a positive integer, got '" + v + "'");
        }
        return (int) v;
    }

    private static long longParam(Map<String, String> q, String name, long dflt) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", "query parameter '" + name + "' must be a number, got '" + v + "'");
        }
    }

    private static <T> List<Map<String, Object>> mapAll(
            List<T> items, java.util.function.Function<T, Map<String, Object>> f) {
        return items.stream().map(f).toList();
    }

    /** A refused request with its HTTP status. */
    static final class ApiError extends RuntimeException {
        final int status;
        final String error;

        ApiError(int status, String error, String reason) {
            super(reason);
            this.status = status;
            this.error = error;
        }
    }
}
