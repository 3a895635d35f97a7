package dev.eventcontracts.broker.admin.definitions;

import dev.eventcontracts.broker.core.policies.Policy;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ definitions for vhost {@code /} (the format of {@code rabbitmqctl
 * export_definitions} and {@code GET /api/definitions}), read and validated by {@link
 * DefinitionsReader}. Argument values are AMQP field values (strings as {@code LongString},
 * integers as {@link Long}).
 */
public record Definitions(
        List<Accounts.User> users,
        List<Accounts.Permission> permissions,
        List<Policy> policies,
        List<ExchangeDef> exchanges,
        List<QueueDef> queues,
        List<BindingDef> bindings) {

    /** An exchange. */
    public record ExchangeDef(
            String name,
            String type,
            boolean durable,
            boolean autoDelete,
            boolean internal,
            Map<String, Object> arguments) {}

    /** A (non-exclusive) queue. */
    public record QueueDef(String name, boolean durable, boolean autoDelete, Map<String, Object> arguments) {}

    /** A binding; {@code destinationType} is {@code queue} or {@code exchange}. */
    public record BindingDef(
            String source,
            String destination,
            String destinationType,
            String routingKey,
            Map<String, Object> arguments) {}

    /** Nothing to define. */
    public static final Definitions EMPTY =
            new Definitions(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
}
