package dev.eventcontracts.plugin.report.flow;

/**
 * How messages reach a consumer's queue, as {@code asyncapi.yaml} says.
 *
 * @param exchange the exchange bound to the queue
 * @param exchangeType its type, e.g. {@code topic}
 * @param routingKey the binding key
 */
public record Route(String exchange, String exchangeType, String routingKey) {}
