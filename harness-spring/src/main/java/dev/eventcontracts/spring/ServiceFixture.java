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
}
