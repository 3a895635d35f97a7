package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
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
        List<String> cc = keys(headers.get("CC"));
        List<String> bcc = keys(headers.get("BCC"));
        BasicProperties props = p;
        if (headers.containsKey("BCC")) {
            Map<String, Object> h = new LinkedHashMap<>(headers);
            h.remove("BCC");
            props = p.withHeaders(h);
        }
        return new Message(exchange, routingKey, cc, bcc, props, body);
    }

    private static List<String> keys(Object header) {
        if (!(header instanceof List<?> list)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof LongString || o instanceof String) {
                keys.add(o.toString());
            }
        }
        return keys;
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
