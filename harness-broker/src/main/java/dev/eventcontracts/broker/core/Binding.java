package dev.eventcontracts.broker.core;

import java.util.Map;

/**
 * A binding from an exchange to a queue or to another exchange.
 *
 * @param source the source exchange name
 * @param destination the destination queue or exchange name
 * @param toExchange whether the destination is an exchange
 * @param routingKey the binding key
 * @param arguments binding arguments (headers exchange match spec)
 */
public record Binding(
        String source, String destination, boolean toExchange, String routingKey, Map<String, Object> arguments) {}
