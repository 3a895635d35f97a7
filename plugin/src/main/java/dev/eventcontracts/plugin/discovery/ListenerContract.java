package dev.eventcontracts.plugin.discovery;

import java.util.List;

/**
 * What one listener annotation says about a consumer's contract; what it does not say is a
 * default from {@code ContractDefaults}.
 *
 * @param queue the queue
 * @param exchange the bound exchange, or empty
 * @param routingKey the binding key, or empty
 * @param deadLetterQueue the dead-letter queue, or empty
 * @param maxAttempts deliveries before dead-lettering
 * @param nonRetryable exception class names dead-lettered at once
 * @param idempotencyKey the business key path, or empty
 * @param ignoreEffectPaths volatile paths in effects
 * @param kafka true when the consumer reads a Kafka topic ({@code queue} is the topic, {@code
 *     deadLetterQueue} the dead-letter topic)
 * @param orderedBy the field path whose records must be applied in order (Kafka), or empty
 * @param wireFormat the {@code WireFormat} constant of {@code @EventConsumer(wireFormat)} (Kafka),
 *     or empty for the default
 */
record ListenerContract(
        String queue,
        String exchange,
        String routingKey,
        String deadLetterQueue,
        int maxAttempts,
        List<String> nonRetryable,
        String idempotencyKey,
        List<String> ignoreEffectPaths,
        boolean kafka,
        String orderedBy,
        String wireFormat) {

    /** An AMQP consumer's contract. */
    ListenerContract(
            String queue,
            String exchange,
            String routingKey,
            String deadLetterQueue,
            int maxAttempts,
            List<String> nonRetryable,
            String idempotencyKey,
            List<String> ignoreEffectPaths) {
        this(
                queue,
                exchange,
                routingKey,
                deadLetterQueue,
                maxAttempts,
                nonRetryable,
                idempotencyKey,
                ignoreEffectPaths,
                false,
                "",
                "");
    }

    /** The same contract on Kafka (a {@code @KafkaListener} method). */
    ListenerContract onKafka() {
        return new ListenerContract(
                queue,
                exchange,
                routingKey,
                deadLetterQueue,
                maxAttempts,
                nonRetryable,
                idempotencyKey,
                ignoreEffectPaths,
                true,
                orderedBy,
                wireFormat);
    }
}
