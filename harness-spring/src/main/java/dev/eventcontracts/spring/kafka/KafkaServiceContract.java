package dev.eventcontracts.spring.kafka;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What Kafka service mode needs to know about one {@code @KafkaListener} method of a Spring Boot
 * service: the application to start, the listener, its topic, and the claims an optional {@code
 * @EventConsumer} makes. The container, error handler, deserializers and retry topics are read from
 * the running service; where records end is observed on the broker (docs/kafka.md, service mode).
 *
 * <pre>{@code
 * KafkaServiceContract contract = KafkaServiceContract.builder(ShippingApplication.class, OrderListener.class, "onOrder")
 *         .topic("orders.placed")
 *         .orderedBy("orderId")
 *         .build();
 * }</pre>
 *
 * @param application the {@code @SpringBootApplication} class
 * @param listenerClass the class declaring the listener method
 * @param listener the listener method
 * @param topic the topic the listener reads (may hold {@code ${...}} placeholders), or empty for
 *     the first topic of its container
 * @param claimedDeadLetterTopic {@code @EventConsumer(deadLetterTopic)}, or empty
 * @param orderedBy {@code @EventConsumer(orderedBy)}, or empty when the listener promises no order
 * @param previousWriterSchemaFiles {@code .avsc} files of the older writer versions of an Avro
 *     payload, oldest first, that scenario (n) writes with Apicurio's serializer (docs/kafka.md
 *     §5.3); paths relative to the working directory
 */
public record KafkaServiceContract(
        Class<?> application,
        Class<?> listenerClass,
        Method listener,
        String topic,
        String claimedDeadLetterTopic,
        String orderedBy,
        List<String> previousWriterSchemaFiles) {

    /** Validates the parts. */
    public KafkaServiceContract {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(listenerClass, "listenerClass");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(claimedDeadLetterTopic, "claimedDeadLetterTopic");
        Objects.requireNonNull(orderedBy, "orderedBy");
        previousWriterSchemaFiles = List.copyOf(previousWriterSchemaFiles);
    }

    /** {@code SimpleName#method}, as messages name the listener. */
    public String displayName() {
        return listenerClass.getSimpleName() + "#" + listener.getName();
    }

    /** {@code fully.qualified.Name#method}, as the results file names the consumer. */
    public String consumerId() {
        return listenerClass.getName() + "#" + listener.getName();
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

    /** Builds a {@link KafkaServiceContract}. */
    public static final class Builder {
        private final Class<?> application;
        private final Class<?> listenerClass;
        private final Method listener;
        private String topic = "";
        private String claimedDeadLetterTopic = "";
        private String orderedBy = "";
        private final List<String> previousWriterSchemaFiles = new ArrayList<>();

        private Builder(Class<?> application, Class<?> listenerClass, Method listener) {
            this.application = application;
            this.listenerClass = listenerClass;
            this.listener = listener;
        }

        /** The topic the listener reads; empty means the first topic of its container. */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** The dead-letter topic {@code @EventConsumer(deadLetterTopic = ...)} claims. */
        public Builder claimedDeadLetterTopic(String topic) {
            this.claimedDeadLetterTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** The payload field {@code @EventConsumer(orderedBy = ...)} orders by; runs scenario (o). */
        public Builder orderedBy(String field) {
            this.orderedBy = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * An older writer schema version of the Avro payload, from an {@code .avsc} file, tried in
         * scenario (n); call oldest first.
         */
        public Builder previousWriterSchemaFile(String avscPath) {
            previousWriterSchemaFiles.add(Objects.requireNonNull(avscPath, "avscPath"));
            return this;
        }

        /** The contract. */
        public KafkaServiceContract build() {
            return new KafkaServiceContract(
                    application,
                    listenerClass,
                    listener,
                    topic,
                    claimedDeadLetterTopic,
                    orderedBy,
                    previousWriterSchemaFiles);
        }
    }
}
