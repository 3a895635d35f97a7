package dev.eventcontracts.kafka.drive;

import java.util.List;

/**
 * How the driver treats a record whose handler throws, as an {@code @EventConsumer} declares it.
 *
 * @param maxAttempts handler calls per record before it is dead-lettered (or skipped); at least 1
 * @param nonRetryable exception types that dead-letter a record after one attempt
 * @param deadLetterTopic where failed records go, or {@code null}: then they are logged as skipped
 *     (what Spring Kafka's default error handler does without a recoverer) and the outcome says so
 */
public record DeliveryPolicy(int maxAttempts, List<Class<? extends Throwable>> nonRetryable, String deadLetterTopic) {

    /** Checks the values. */
    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts
                    + " is below 1: a Kafka record is handled at least once; use 1 for" + " no retries.");
        }
        nonRetryable = List.copyOf(nonRetryable);
        deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank() ? null : deadLetterTopic;
    }

    /** Whether {@code failure} (or a cause of it) is one of the non-retryable types. */
    public boolean isNonRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Throwable current = t;
            if (nonRetryable.stream().anyMatch(type -> type.isInstance(current))) {
                return true;
            }
        }
        return false;
    }
}
