package dev.eventcontracts.kafka;

/** A topic could not be created or deleted; the message names the topic, the cluster and the fix. */
public final class TopicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
