package dev.eventcontracts.junit;

import java.net.URI;

/** What a {@link ConsumerFixture} receives to wire a consumer to the test's infrastructure. */
public interface ContractContext {

    /** Publishes the consumer's outgoing messages; everything it publishes is recorded. */
    Publisher publisher();

    /** Base URI of the HTTP stub server that stands in for the consumer's downstream services. */
    URI httpBaseUri();

    /** Publishes messages on behalf of the consumer under test. */
    @FunctionalInterface
    interface Publisher {
        /**
         * Publishes {@code body} to {@code exchange} with {@code routingKey}.
         *
         * @throws java.io.UncheckedIOException when the broker cannot be reached
         */
        void publish(String exchange, String routingKey, byte[] body);
    }
}
