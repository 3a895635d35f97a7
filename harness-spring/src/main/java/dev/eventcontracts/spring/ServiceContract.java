package dev.eventcontracts.spring;

import dev.eventcontracts.spring.internal.ListenerTarget;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What service mode needs to know about one {@code @RabbitListener} method of a Spring Boot
 * service: the application to start, the listener, its queue, and the claims an optional
 * {@code @EventConsumer} makes (checked against the real configuration). Everything else — the
 * converter, the container's acknowledge mode and retry, the declared topology — is read from the
 * running service and the broker (docs/service-mode.md).
 *
 * <pre>{@code
 * ServiceContract contract = ServiceContract.builder(InventoryApplication.class, OrderListener.class, "onOrderPlaced")
 *         .queue("inventory.order-placed")
 *         .build();
 * }</pre>
 *
 * @param application the {@code @SpringBootApplication} class
 * @param listenerClass the class declaring the listener method
 * @param listener the listener method
 * @param queue the queue the listener reads (may hold {@code ${...}} placeholders, resolved
 *     against the service's environment)
 * @param claimedDeadLetterQueue the dead-letter queue {@code @EventConsumer} claims, or empty
 * @param claimedMaxAttempts the attempts {@code @EventConsumer} claims, or 0 for no claim
 * @param fixture the listener's {@link ServiceFixture} class, or null to look for one under the
 *     application's package
 */
public record ServiceContract(
        Class<?> application,
        Class<?> listenerClass,
        Method listener,
        String queue,
        String claimedDeadLetterQueue,
        int claimedMaxAttempts,
        Class<?> fixture) {

    /** Validates the parts. */
    public ServiceContract {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(listenerClass, "listenerClass");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(claimedDeadLetterQueue, "claimedDeadLetterQueue");
    }

    /** The listener as the runtime's internals take it. */
    public ListenerTarget target() {
        return new ListenerTarget(listenerClass, listener, queue, claimedDeadLetterQueue, claimedMaxAttempts);
    }

    /** {@code SimpleName#method} ({@code #method(Payload)} for an overloaded handler), as messages name it. */
    public String displayName() {
        return target().displayName();
    }

    /** {@code fully.qualified.Name#method}, as the results file names the consumer. */
    public String consumerId() {
        return target().consumerId();
    }

    /**
     * Starts a contract for listener method {@code method} of {@code listenerClass} in the service
     * {@code application}.
     *
     * @throws IllegalArgumentException when the class has no single method of that name
     */
    public static Builder builder(Class<?> application, Class<?> listenerClass, String method) {
        List<Method> candidates = Arrays.stream(listenerClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(method) && !m.isSynthetic())
                .toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("Listener class '" + listenerClass.getName()
                    + "' must declare exactly one method '" + method + "'; found " + candidates.size()
                    + ". Regenerate the contract tests (mvn generate-test-sources).");
        }
        return new Builder(application, listenerClass, candidates.get(0));
    }

    /**
     * Starts a contract for the handler {@code method} of {@code listenerClass} that takes {@code
     * payloadType} — a {@code @RabbitHandler} method of a class-level {@code @RabbitListener}, where
     * one name often serves several payload types.
     *
     * @throws IllegalArgumentException when the class has no single such method
     */
    public static Builder builder(Class<?> application, Class<?> listenerClass, String method, Class<?> payloadType) {
        List<Method> candidates = Arrays.stream(listenerClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(method) && !m.isSynthetic())
                .filter(m -> Arrays.asList(m.getParameterTypes()).contains(payloadType))
                .toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("Listener class '" + listenerClass.getName()
                    + "' must declare exactly one method '" + method + "' taking '" + payloadType.getName()
                    + "'; found " + candidates.size() + ". Regenerate the contract tests (mvn generate-test-sources).");
        }
        return new Builder(application, listenerClass, candidates.get(0));
    }

    /** Builds a {@link ServiceContract}. */
    public static final class Builder {
        private final Class<?> application;
        private final Class<?> listenerClass;
        private final Method listener;
        private String queue = "";
        private String claimedDeadLetterQueue = "";
        private int claimedMaxAttempts;
        private Class<?> fixture;

        private Builder(Class<?> application, Class<?> listenerClass, Method listener) {
            this.application = application;
            this.listenerClass = listenerClass;
            this.listener = listener;
        }

        /** The queue the listener reads; empty means: the queue of its listener container. */
        public Builder queue(String queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /** The dead-letter queue {@code @EventConsumer(deadLetterQueue=...)} claims. */
        public Builder claimedDeadLetterQueue(String queue) {
            this.claimedDeadLetterQueue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /** The attempts {@code @EventConsumer(maxAttempts=...)} claims; 0 for no claim. */
        public Builder claimedMaxAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException(
                        "claimedMaxAttempts '" + attempts + "' must be 0 (no claim) or more");
            }
            this.claimedMaxAttempts = attempts;
            return this;
        }

        /**
         * The listener's fixture, instead of looking for a {@code ServiceFixture<Listener>} under
         * the application's package.
         */
        public Builder fixture(Class<? extends ServiceFixture<?>> fixture) {
            this.fixture = Objects.requireNonNull(fixture, "fixture");
            return this;
        }

        /** The contract. */
        public ServiceContract build() {
            return new ServiceContract(
                    application, listenerClass, listener, queue, claimedDeadLetterQueue, claimedMaxAttempts, fixture);
        }
    }
}
