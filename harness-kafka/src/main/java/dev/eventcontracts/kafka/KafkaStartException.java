package dev.eventcontracts.kafka;

/** The embedded Kafka broker could not start; the message names the step, the value and the fix. */
public final class KafkaStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
