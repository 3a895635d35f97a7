package dev.eventcontracts.broker.amqp.connection;

import java.time.Duration;

/**
 * What an AMQP listener allows a socket before it is a connection: how long the handshake may
 * take (protocol header to {@code connection.open}) and how many sockets may be open at once.
 *
 * @param handshakeTimeout a socket that has not sent {@code connection.open} by then is closed
 *     (RabbitMQ's {@code handshake_timeout}, 10 s)
 * @param maxSockets most sockets open at once, handshakes included; a further one is closed as
 *     soon as it is accepted. 0 = no limit (the default, as RabbitMQ)
 */
public record ListenerLimits(Duration handshakeTimeout, int maxSockets) {

    /** RabbitMQ's defaults: a 10 s handshake, no socket limit. */
    public static final ListenerLimits DEFAULTS = new ListenerLimits(Duration.ofSeconds(10), 0);

    public ListenerLimits {
        if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "handshakeTimeout '" + handshakeTimeout + "' must be a positive duration, e.g. 10 s");
        }
        if (maxSockets < 0) {
            throw new IllegalArgumentException("maxSockets '" + maxSockets + "' must be 0 (no limit) or positive");
        }
    }
}
