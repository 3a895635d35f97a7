package dev.eventcontracts.spring;

import java.util.List;

/**
 * What a service-mode contract test cannot find out by itself about one listener, supplied from
 * the service's {@code src/test/java}: business-invalid samples. Service mode finds an
 * implementation for listener {@code T} in the application's package or below (a non-abstract
 * class with a public no-argument constructor), or takes the one named by {@link
 * ServiceContract.Builder#fixture(Class)}.
 *
 * <pre>{@code
 * public class ParcelListenerFixture implements ServiceFixture<ParcelListener> {
 *     public List<?> poisonSamples() {
 *         return List.of(new ParcelScanned("P-1", "depot-1", -5));   // a negative weight is refused
 *     }
 * }
 * }</pre>
 *
 * @param <T> the listener class
 */
public interface ServiceFixture<T> {

    /**
     * Business-invalid payloads the listener must refuse, the same contract as plain mode's {@code
     * ConsumerFixture#poisonSamples()}: each must make the listener throw through its own
     * validation. Scenario (i) publishes each, encoded by the service's own message converter
     * (instances of the payload type) or as they are ({@code byte[]} bodies, with a good sample's
     * content type and headers), and expects it dead-lettered after one delivery by the broker;
     * scenario (m) includes the first. The default, none, skips (i) saying how to supply one.
     */
    default List<?> poisonSamples() {
        return List.of();
    }

    /**
     * Good samples for a listener whose payload is a raw {@code String} or {@code byte[]} that it
     * decodes itself, so no sample can be built from a type: values it accepts, each a new event
     * ({@code String}s sent as UTF-8). Kafka service mode uses each once (one per run; about 12 for
     * every scenario) and skips what is left, saying so, when they run out (docs/kafka.md §5.2).
     * RabbitMQ service mode does not read them yet.
     */
    default List<?> samples() {
        return List.of();
    }
}
