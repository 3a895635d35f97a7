package dev.eventcontracts.broker.admin.internal;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.core.Views;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders core views in the JSON shapes of RabbitMQ's management API (as maps Jackson writes). */
final class JsonShapes {
    private JsonShapes() {}

    static Map<String, Object> queue(String vhost, Views.QueueView q, Rates.Sample rates) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.name());
        m.put("vhost", vhost);
        m.put("durable", q.durable());
        m.put("auto_delete", q.autoDelete());
        m.put("exclusive", q.exclusive());
        m.put("arguments", table(q.arguments()));
        Object type = q.arguments().get("x-queue-type");
        m.put("type", type == null ? "classic" : type.toString());
        m.put("state", "running");
        if (q.policy() != null) {
            m.put("policy", q.policy());
        }
        m.put("messages", q.messagesReady() + q.messagesUnacknowledged());
        m.put("messages_ready", q.messagesReady());
        m.put("messages_unacknowledged", q.messagesUnacknowledged());
        m.put("message_bytes_ready", q.messageBytesReady());
        m.put("consumers", q.consumers());
        Views.QueueCounters c = q.counters();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("publish", c.published());
        stats.put("publish_details", Map.of("rate", rates.publishRate()));
        stats.put("deliver_get", c.delivered());
        stats.put("deliver_get_details", Map.of("rate", rates.deliverRate()));
        stats.put("redeliver", c.redelivered());
        stats.put("ack", c.acked());
        stats.put("dead_lettered", c.deadLettered());
        m.put("message_stats", stats);
        return m;
    }

    static Map<String, Object> exchange(String vhost, Views.ExchangeView e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("vhost", vhost);
        m.put("type", e.type());
        m.put("durable", e.durable());
        m.put("auto_delete", e.autoDelete());
        m.put("internal", e.internal());
        m.put("arguments", table(e.arguments()));
        return m;
    }

    static Map<String, Object> binding(String vhost, Views.BindingView b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", b.source());
        m.put("vhost", vhost);
        m.put("destination", b.destination());
        m.put("destination_type", b.destinationType());
        m.put("routing_key", b.routingKey());
        m.put("arguments", table(b.arguments()));
        return m;
    }

    /**
     * The one node in the shape of RabbitMQ's {@code /api/nodes} entries, reduced to the memory
     * alarm: {@code mem_used} counts queued message bytes, {@code mem_limit} is the high
     * watermark (0 = flow control off).
     */
    static Map<String, Object> node(Views.MemoryView memory, String storeFailure) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "harness@localhost");
        m.put("type", "disc");
        m.put("running", true);
        m.put("mem_used", memory.used());
        m.put("mem_limit", memory.highWatermark());
        m.put("mem_alarm", memory.alarm());
        m.put("disk_free_alarm", false);
        m.put("store_failure", storeFailure == null || storeFailure.isEmpty() ? null : storeFailure);
        return m;
    }

    static Map<String, Object> connection(String vhost, Views.ConnectionView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("user", c.user());
        m.put("vhost", vhost);
        m.put("connected_at", c.connectedAtMillis());
        m.put("channels", c.channels());
        m.put("state", c.state().wireName());
        m.put("type", "network");
        m.put("protocol", "AMQP 0-9-1");
        String[] ends = c.name().split(" -> ", 2);
        if (ends.length == 2) {
            putEndpoint(m, "peer_host", "peer_port", ends[0]);
            putEndpoint(m, "host", "port", ends[1]);
        }
        m.put("client_properties", table(c.clientProperties()));
        return m;
    }

    static Map<String, Object> channel(String vhost, Views.ChannelView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.connectionName() + " (" + c.number() + ")");
        m.put("number", c.number());
        m.put("user", c.user());
        m.put("vhost", vhost);
        m.put("connection_details", Map.of("name", c.connectionName()));
        m.put("consumer_count", c.consumers());
        m.put("messages_unacknowledged", c.messagesUnacknowledged());
        m.put("prefetch_count", c.prefetchCount());
        m.put("confirm", c.confirm());
        m.put("transactional", c.transactional());
        return m;
    }

    static Map<String, Object> message(Views.MessageView v, int remaining) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payload_bytes", v.body().length);
        m.put("redelivered", v.redelivered());
        m.put("exchange", v.exchange());
        m.put("routing_key", v.routingKey());
        m.put("message_count", remaining);
        m.put("delivery_count", v.deliveryCount());
        m.put("properties", properties(v.properties()));
        String text = utf8(v.body());
        m.put("payload", text != null ? text : Base64.getEncoder().encodeToString(v.body()));
        m.put("payload_encoding", text != null ? "string" : "base64");
        return m;
    }

    static Map<String, Object> publish(Views.PublishRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", r.sequence());
        m.put("timestamp", r.timestampMillis());
        m.put("exchange", r.exchange());
        m.put("routing_key", r.routingKey());
        m.put("routed_queues", r.routedQueues());
        m.put("returned", r.returned());
        m.put("confirm", r.confirm());
        m.put("message_id", r.messageId());
        m.put("payload_bytes", r.bodySize());
        m.put("connection_name", r.connectionName());
        m.put("payload", r.body() == null ? null : java.util.Base64.getEncoder().encodeToString(r.body()));
        m.put("payload_encoding", "base64");
        m.put("fault", r.fault());
        return m;
    }

    static Map<String, Object> properties(BasicProperties p) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "content_type", p.contentType());
        putIf(m, "content_encoding", p.contentEncoding());
        if (p.headers() != null) {
            m.put("headers", table(p.headers()));
        }
        putIf(m, "delivery_mode", p.deliveryMode());
        putIf(m, "priority", p.priority());
        putIf(m, "correlation_id", p.correlationId());
        putIf(m, "reply_to", p.replyTo());
        putIf(m, "expiration", p.expiration());
        putIf(m, "message_id", p.messageId());
        putIf(m, "timestamp", p.timestamp() == null ? null : p.timestamp().getTime() / 1000);
        putIf(m, "type", p.type());
        putIf(m, "user_id", p.userId());
        putIf(m, "app_id", p.appId());
        putIf(m, "cluster_id", p.clusterId());
        return m;
    }

    /** {@code host:port} (the port after the last colon, so IPv6 hosts work) as two fields. */
    private static void putEndpoint(Map<String, Object> m, String hostKey, String portKey, String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        m.put(hostKey, endpoint.substring(0, colon));
        try {
            m.put(portKey, Integer.parseInt(endpoint.substring(colon + 1)));
        } catch (NumberFormatException e) {
            m.put(portKey, endpoint.substring(colon + 1));
        }
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** A field table as JSON values: long strings as text (base64 when not UTF-8), timestamps in seconds. */
    static Map<String, Object> table(Map<String, Object> table) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (table != null) {
            table.forEach((k, v) -> m.put(k, value(v)));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v instanceof LongString s) {
            String text = utf8(s.bytes());
            return text != null ? text : Base64.getEncoder().encodeToString(s.bytes());
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof Date d) {
            return d.getTime() / 1000;
        }
        if (v instanceof Map<?, ?> map) {
            return table((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(o -> out.add(value(o)));
            return out;
        }
        return v;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
