package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.FieldTables;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.amqp.codec.TypedValue;
import dev.eventcontracts.broker.core.policies.Policy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The queue arguments the broker acts on, validated with RabbitMQ's 406 texts.
 *
 * @param messageTtl {@code x-message-ttl} in ms, or null
 * @param expires {@code x-expires} in ms, or null
 * @param maxLength {@code x-max-length}, or null
 * @param maxLengthBytes {@code x-max-length-bytes}, or null
 * @param overflow {@code x-overflow}
 * @param deadLetterExchange {@code x-dead-letter-exchange}, or null
 * @param deadLetterRoutingKey {@code x-dead-letter-routing-key}, or null
 * @param deliveryLimit {@code x-delivery-limit}, or null
 * @param quorum whether {@code x-queue-type} is {@code quorum}
 */
record QueueArguments(
        Long messageTtl,
        Long expires,
        Long maxLength,
        Long maxLengthBytes,
        Overflow overflow,
        String deadLetterExchange,
        String deadLetterRoutingKey,
        Long deliveryLimit,
        boolean quorum) {

    /** What happens when a length limit is reached. */
    enum Overflow {
        DROP_HEAD,
        REJECT_PUBLISH,
        REJECT_PUBLISH_DLX
    }

    /** The arguments RabbitMQ compares on redeclare. */
    static final List<String> EQUIVALENCE_KEYS = List.of(
            "x-expires",
            "x-message-ttl",
            "x-dead-letter-exchange",
            "x-dead-letter-routing-key",
            "x-max-length",
            "x-max-length-bytes",
            "x-max-in-memory-length",
            "x-max-in-memory-bytes",
            "x-max-priority",
            "x-overflow",
            "x-queue-mode",
            "x-single-active-consumer",
            "x-queue-type",
            "x-delivery-limit");

    /** Whether a delivery count is tracked (and sent as {@code x-delivery-count}). */
    boolean tracksDeliveryCount() {
        return quorum || deliveryLimit != null;
    }

    static QueueArguments parse(String queue, String vhost, Map<String, Object> args) {
        String where = "for queue '" + queue + "' in vhost '" + vhost + "'";
        Long ttl = nonNegative(args, "x-message-ttl", where);
        Long expires = nonNegative(args, "x-expires", where);
        if (expires != null && expires == 0) {
            throw invalid("x-expires", where, "{value_zero,0}");
        }
        Long maxLength = nonNegative(args, "x-max-length", where);
        Long maxBytes = nonNegative(args, "x-max-length-bytes", where);
        Overflow overflow = Overflow.DROP_HEAD;
        Object ov = args.get("x-overflow");
        if (ov != null) {
            if (!isString(ov)) {
                throw invalid("x-overflow", where, "{unacceptable_type," + FieldTables.typeName(ov) + "}");
            }
            overflow = switch (ov.toString()) {
                case "drop-head" -> Overflow.DROP_HEAD;
                case "reject-publish" -> Overflow.REJECT_PUBLISH;
                case "reject-publish-dlx" -> Overflow.REJECT_PUBLISH_DLX;
                default -> throw invalid("x-overflow", where, "invalid_overflow");
            };
        }
        Object dlx = args.get("x-dead-letter-exchange");
        if (dlx != null && !isString(dlx)) {
            throw AmqpException.preconditionFailed("invalid type '" + FieldTables.typeName(dlx)
                    + "' for arg 'x-dead-letter-exchange' in queue '" + queue + "' in vhost '" + vhost + "'");
        }
        Object dlrk = args.get("x-dead-letter-routing-key");
        if (dlrk != null) {
            if (!isString(dlrk)) {
                throw invalid(
                        "x-dead-letter-routing-key", where, "{unacceptable_type," + FieldTables.typeName(dlrk) + "}");
            }
            if (dlx == null) {
                throw invalid("x-dead-letter-routing-key", where, "routing_key_but_no_dlx_defined");
            }
        }
        Object type = args.get("x-queue-type");
        boolean quorum = false;
        if (type != null) {
            String t = type.toString();
            if (!t.equals("classic") && !t.equals("quorum")) {
                throw invalid("x-queue-type", where, "\"unsupported queue type '" + t + "'\"");
            }
            quorum = t.equals("quorum");
        }
        Long deliveryLimit = nonNegative(args, "x-delivery-limit", where);
        return new QueueArguments(
                ttl,
                expires,
                maxLength,
                maxBytes,
                overflow,
                dlx == null ? null : dlx.toString(),
                dlrk == null ? null : dlrk.toString(),
                deliveryLimit,
                quorum);
    }

    /**
     * The settings in force when {@code policy} (may be null) applies to a queue declared with
     * {@code args}, by RabbitMQ 3.10's rules for classic queues: for {@code message-ttl}, {@code
     * expires}, {@code max-length}, {@code max-length-bytes} (and on quorum queues {@code
     * delivery-limit}) the lower
     * of argument and policy; for {@code dead-letter-exchange}, {@code dead-letter-routing-key} and
     * {@code overflow} the argument when present, else the policy (docs/broker.md, Policies).
     */
    QueueArguments withPolicy(Map<String, Object> args, Policy policy) {
        if (policy == null) {
            return this;
        }
        Overflow ov = overflow;
        if (!args.containsKey("x-overflow") && policy.get("overflow") instanceof String p) {
            ov = switch (p) {
                case "reject-publish" -> Overflow.REJECT_PUBLISH;
                case "reject-publish-dlx" -> Overflow.REJECT_PUBLISH_DLX;
                default -> Overflow.DROP_HEAD;
            };
        }
        return new QueueArguments(
                min(messageTtl, policy.get("message-ttl")),
                min(expires, policy.get("expires")),
                min(maxLength, policy.get("max-length")),
                min(maxLengthBytes, policy.get("max-length-bytes")),
                ov,
                argumentFirst(deadLetterExchange, policy.get("dead-letter-exchange")),
                argumentFirst(deadLetterRoutingKey, policy.get("dead-letter-routing-key")),
                quorum ? min(deliveryLimit, policy.get("delivery-limit")) : deliveryLimit,
                quorum);
    }

    private static Long min(Long argument, Object fromPolicy) {
        if (!(fromPolicy instanceof Long p)) {
            return argument;
        }
        return argument == null ? p : Math.min(argument, p);
    }

    private static String argumentFirst(String argument, Object fromPolicy) {
        return argument != null ? argument : fromPolicy instanceof String p ? p : null;
    }

    private static Long nonNegative(Map<String, Object> args, String key, String where) {
        Object v = args.get(key);
        if (v == null && !args.containsKey(key)) {
            return null;
        }
        Long n = integer(v);
        if (n == null) {
            throw invalid(key, where, "\"expected integer, got " + FieldTables.typeName(v) + "\"");
        }
        if (n < 0) {
            throw invalid(key, where, "{value_negative," + n + "}");
        }
        return n;
    }

    /** The value as a long when it is one of the AMQP integer types, else null. */
    static Long integer(Object v) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof TypedValue t && t.tag() != 'L') {
            return t.value();
        }
        return null;
    }

    static boolean isString(Object v) {
        return v instanceof LongString || v instanceof String;
    }

    private static AmqpException invalid(String key, String where, String reason) {
        return AmqpException.preconditionFailed("invalid arg '" + key + "' " + where + ": " + reason);
    }

    /**
     * Compares an argument on redeclare and returns RabbitMQ's 406 detail, or null when equivalent.
     */
    static String inequivalence(String key, Object received, Object current) {
        if (received == null && current == null) {
            return null;
        }
        if (received != null && current != null) {
            if (equivalent(received, current)) {
                return null;
            }
            return "received '" + display(received) + "' but current is '" + display(current) + "'";
        }
        if (received == null) {
            return "received none but current is the value '" + display(current) + "' of type '"
                    + FieldTables.typeName(current) + "'";
        }
        return "received the value '" + display(received) + "' of type '" + FieldTables.typeName(received)
                + "' but current is none";
    }

    private static boolean equivalent(Object a, Object b) {
        Long ia = integer(a);
        Long ib = integer(b);
        if (ia != null && ib != null) {
            return ia.equals(ib);
        }
        if (isString(a) && isString(b)) {
            return a.toString().equals(b.toString());
        }
        return Objects.equals(a, b);
    }

    private static String display(Object v) {
        Long n = integer(v);
        return n != null ? n.toString() : String.valueOf(v);
    }
}
