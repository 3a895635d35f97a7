package dev.eventcontracts.junit;

import java.net.URI;
import java.util.Map;

/**
 * What a {@link ConsumerFixture} receives to wire a consumer to the test's infrastructure: a
 * publisher whose messages are recorded as effects, the base URI of an HTTP stub server that
 * stands in for downstream services (every request to it is recorded as an effect), the broker's
 * URI for consumers with their own connection, and a fault point for dependencies the fixture
 * wraps.
 */
public interface ContractContext {

    /** Publishes the consumer's outgoing messages; everything it publishes is recorded. */
    Publisher publisher();

    /** Base URI of the HTTP stub server that stands in for the consumer's downstream services. */
    URI httpBaseUri();

    /**
     * The broker the scenarios use (with credentials), for consumers that publish through their
     * own AMQP connection. On the harness broker every such publish is an effect, read from its
     * publish journal; a real RabbitMQ keeps no journal, so there only {@link #publisher()} is seen.
     */
    default URI amqpUri() {
        throw new UnsupportedOperationException("This ContractContext names no broker.");
    }

    /**
     * A point in the consumer's own I/O where scenarios (j), (k) and (m) inject transient
     * failures: a fixture wraps a dependency (a repository, a client) so that it calls {@link
     * FaultPoint#beforeIo} before each operation. Needed only for consumers that neither publish
     * through {@link #publisher()} nor call {@link #httpBaseUri()}; without any such path those
     * scenarios are skipped, never passed.
     */
    default FaultPoint faultPoint() {
        return operation -> {};
    }

    /** Where a scenario fails the consumer's I/O; outside a failing attempt it does nothing. */
    @FunctionalInterface
    interface FaultPoint {
        /**
         * Called by the consumer's dependency before an I/O operation.
         *
         * @param operation what is about to happen, e.g. {@code "stock.reserve"}, for messages
         * @throws java.io.UncheckedIOException the injected transient failure
         */
        void beforeIo(String operation);
    }

    /** Publishes messages on behalf of the consumer under test. */
    @FunctionalInterface
    interface Publisher {
        /**
         * Publishes {@code body} to {@code exchange} with {@code routingKey}.
         *
         * @throws java.io.UncheckedIOException when the broker cannot be reached (contract tests
         *     inject such failures to check retry behaviour)
         */
        void publish(String exchange, String routingKey, byte[] body);

        /**
         * Publishes {@code body} with message headers; the default ignores the headers.
         *
         * @throws java.io.UncheckedIOException when the broker cannot be reached
         */
        default void publish(String exchange, String routingKey, Map<String, Object> headers, byte[] body) {
            publish(exchange, routingKey, body);
        }
    }
}
