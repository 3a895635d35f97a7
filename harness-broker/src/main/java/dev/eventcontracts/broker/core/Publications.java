package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.FieldTables;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.store.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a publish into a {@link Message}: {@code CC}/{@code BCC} keys and expiration checks. */
final class Publications {
    private Publications() {}

    static Message toMessage(String exchange, String routingKey, BasicProperties p, byte[] body) {
        Map<String, Object> headers = p.headers();
        if (headers == null || headers.isEmpty() || !(headers.containsKey("CC") || headers.containsKey("BCC"))) {
            return new Message(exchange, routingKey, List.of(), List.of(), p, body);
        }
        List<String> cc = keys("CC", headers);
        List<String> bcc = keys("BCC", headers);
        BasicProperties props = p;
        if (headers.containsKey("BCC")) {
            Map<String, Object> h = new LinkedHashMap<>(headers);
            h.remove("BCC");
            props = p.withHeaders(h);
        }
        return new Message(exchange, routingKey, cc, bcc, props, body);
    }

    /**
     * The routing keys of a {@code CC}/{@code BCC} header; as RabbitMQ, an array's non-string
     * elements are ignored and a header of another type is refused with 406.
     */
    private static List<String> keys(String name, Map<String, Object> headers) {
        if (!headers.containsKey(name)) {
            return List.of();
        }
        Object header = headers.get(name);
        if (!(header instanceof List<?> list)) {
            throw AmqpException.preconditionFailed("invalid message: {unacceptable_type_in_header,\"" + name + "\","
                    + (header == null ? "void" : FieldTables.typeName(header)) + "}");
        }
        List<String> keys = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof LongString || o instanceof String) {
                keys.add(o.toString());
            }
        }
        return keys;
    }

    /**
     * RabbitMQ's {@code user-id} check: the property must name the connection's user unless the
     * user has the {@code impersonator} tag.
     */
    static void validateUserId(String userId, String user, UserTags tags) {
        if (userId != null && !userId.equals(user) && !tags.has(user, UserTags.IMPERSONATOR)) {
            throw AmqpException.preconditionFailed(
                    "user_id property set to '" + userId + "' but authenticated user was '" + user + "'");
        }
    }

    static void validateExpiration(String expiration) {
        if (expiration == null) {
            return;
        }
        int i = 0;
        if (i < expiration.length() && (expiration.charAt(i) == '-' || expiration.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < expiration.length() && Character.isDigit(expiration.charAt(i))) {
            i++;
        }
        String prefix = "invalid expiration '" + expiration + "': ";
        if (i == digitsStart) {
            throw AmqpException.preconditionFailed(prefix + "no_integer");
        }
        if (i < expiration.length()) {
            throw AmqpException.preconditionFailed(prefix + "{leftover_string,\"" + expiration.substring(i) + "\"}");
        }
        long value;
        try {
            value = Long.parseLong(expiration);
        } catch (NumberFormatException e) {
            throw AmqpException.preconditionFailed(prefix + "{value_too_large," + expiration + "}");
        }
        if (value < 0) {
            throw AmqpException.preconditionFailed(prefix + "{value_negative," + value + "}");
        }
    }
}
