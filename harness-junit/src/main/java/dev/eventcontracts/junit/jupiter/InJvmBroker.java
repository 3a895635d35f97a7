package dev.eventcontracts.junit.jupiter;

import java.net.URI;

/** The harness broker started inside the test JVM when no broker URI is configured. */
final class InJvmBroker implements AutoCloseable {

    private InJvmBroker() {}

    static InJvmBroker start() {
        throw new IllegalStateException(
                "No broker configured: set -Deventcontracts.amqp.uri=amqp://guest:guest@host:5672.");
    }

    URI amqpUri() {
        return URI.create("amqp://guest:guest@127.0.0.1:5672");
    }

    @Override
    public void close() {}
}
