package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.FieldTables;
import dev.eventcontracts.broker.amqp.codec.TypedValue;
import java.util.Map;

/**
 * The {@code basic.consume} arguments RabbitMQ 3.10 reads: {@code x-priority} (consumer
 * priorities: higher first, round-robin among equals), validated with RabbitMQ's 406 texts.
 */
final class ConsumerArguments {
    static final String PRIORITY = "x-priority";

    private ConsumerArguments() {}

    /** The consumer's priority; 0 without {@code x-priority}. */
    static int priority(Map<String, Object> args, String queue, String vhost) {
        if (args == null || !args.containsKey(PRIORITY)) {
            return 0;
        }
        Object v = args.get(PRIORITY);
        long n;
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof TypedValue t) {
            n = t.value();
        } else {
            throw AmqpException.preconditionFailed("invalid arg '" + PRIORITY + "' for queue '" + queue + "' in vhost '"
                    + vhost + "': \"expected integer, got " + FieldTables.typeName(v) + "\"");
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }
}
