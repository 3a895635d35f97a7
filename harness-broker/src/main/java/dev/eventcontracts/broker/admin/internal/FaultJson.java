package dev.eventcontracts.broker.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.broker.faults.FaultRule;
import dev.eventcontracts.broker.faults.Faults;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fault rules to and from the admin API's JSON: {@code {"type":"duplicate-deliveries","queue":"q","times":2}},
 * {@code {"type":"nack-publishes","exchange":"orders","routing_key":null,"times":1}} (docs/broker.md).
 */
final class FaultJson {
    static final String TYPES = "duplicate-deliveries (times), lose-acks (times), delay-deliveries (delay_ms, times),"
            + " reorder-deliveries (batch, max_wait_ms), close-channel-after (deliveries),"
            + " close-connection-after (deliveries), pause-queue (duration_ms), restart-broker (deliveries);"
            + " with exchange and optional routing_key instead of queue: nack-publishes (times),"
            + " refuse-publishes (times), close-connection-on-publish (times)";

    private FaultJson() {}

    /** Reads a rule; throws {@link IllegalArgumentException} naming the bad field. */
    static FaultRule read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a fault rule must be a JSON object like"
                    + " {\"type\":\"duplicate-deliveries\",\"queue\":\"orders\",\"times\":1}");
        }
        String type = text(n, "type");
        FaultRule publishRule = readPublishRule(type, n);
        if (publishRule != null) {
            return publishRule;
        }
        String queue = text(n, "queue");
        return switch (type) {
            case "duplicate-deliveries" -> new FaultRule.DuplicateDeliveries(queue, integer(n, "times"));
            case "lose-acks" -> new FaultRule.LoseAcks(queue, integer(n, "times"));
            case "delay-deliveries" -> new FaultRule.DelayDeliveries(queue, millis(n, "delay_ms"), integer(n, "times"));
            case "reorder-deliveries" ->
                new FaultRule.ReorderDeliveries(queue, integer(n, "batch"), millis(n, "max_wait_ms"));
            case "close-channel-after" -> new FaultRule.CloseChannelAfter(queue, integer(n, "deliveries"));
            case "close-connection-after" -> new FaultRule.CloseConnectionAfter(queue, integer(n, "deliveries"));
            case "pause-queue" -> new FaultRule.PauseQueue(queue, millis(n, "duration_ms"));
            case "restart-broker" -> new FaultRule.RestartBroker(queue, integer(n, "deliveries"));
            default -> throw new IllegalArgumentException("fault rule type '" + type + "' is unknown; use " + TYPES);
        };
    }

    /** A publish rule ({@code exchange}, optional {@code routing_key}, {@code times}), or null for another type. */
    private static FaultRule readPublishRule(String type, JsonNode n) {
        return switch (type) {
            case "nack-publishes" ->
                new FaultRule.NackPublishes(text(n, "exchange"), routingKey(n), integer(n, "times"));
            case "refuse-publishes" ->
                new FaultRule.RefusePublishes(text(n, "exchange"), routingKey(n), integer(n, "times"));
            case "close-connection-on-publish" ->
                new FaultRule.CloseConnectionOnPublish(text(n, "exchange"), routingKey(n), integer(n, "times"));
            default -> null;
        };
    }

    /** The optional {@code routing_key}: absent or {@code null} matches any routing key. */
    private static String routingKey(JsonNode n) {
        JsonNode v = n.get("routing_key");
        if (v == null || v.isNull()) {
            return null;
        }
        return text(n, "routing_key");
    }

    static Map<String, Object> write(Faults.ActiveFault f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        FaultRule r = f.rule();
        if (r instanceof FaultRule.DuplicateDeliveries d) {
            m.put("type", "duplicate-deliveries");
            m.put("queue", d.queue());
            m.put("times", d.times());
        } else if (r instanceof FaultRule.LoseAcks l) {
            m.put("type", "lose-acks");
            m.put("queue", l.queue());
            m.put("times", l.times());
        } else if (r instanceof FaultRule.DelayDeliveries d) {
            m.put("type", "delay-deliveries");
            m.put("queue", d.queue());
            m.put("delay_ms", d.delay().toMillis());
            m.put("times", d.times());
        } else if (r instanceof FaultRule.ReorderDeliveries o) {
            m.put("type", "reorder-deliveries");
            m.put("queue", o.queue());
            m.put("batch", o.batch());
            m.put("max_wait_ms", o.maxWait().toMillis());
        } else if (r instanceof FaultRule.CloseChannelAfter c) {
            m.put("type", "close-channel-after");
            m.put("queue", c.queue());
            m.put("deliveries", c.deliveries());
        } else if (r instanceof FaultRule.CloseConnectionAfter c) {
            m.put("type", "close-connection-after");
            m.put("queue", c.queue());
            m.put("deliveries", c.deliveries());
        } else if (r instanceof FaultRule.RestartBroker b) {
            m.put("type", "restart-broker");
            m.put("queue", b.queue());
            m.put("deliveries", b.deliveries());
        } else if (r instanceof FaultRule.PauseQueue p) {
            m.put("type", "pause-queue");
            m.put("queue", p.queue());
            m.put("duration_ms", p.duration().toMillis());
        } else if (r instanceof FaultRule.PublishRule p) {
            m.put("type", p.type());
            m.put("exchange", p.exchange());
            m.put("routing_key", p.routingKey());
            m.put("times", p.times());
        }
        m.put("applied", f.applied());
        if (f.endsAtMillis() > 0) {
            m.put("ends_at", f.endsAtMillis());
        }
        return m;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("fault rule field '" + field + "' must be a string, got '" + v + "'");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("fault rule field '" + field + "' must be an integer, got '" + v + "'");
        }
        return v.asInt();
    }

    private static Duration millis(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(
                    "fault rule field '" + field + "' must be milliseconds as an integer, got '" + v + "'");
        }
        return Duration.ofMillis(v.asLong());
    }
}
