package dev.eventcontracts.kafka;

/** The Kafka cluster named by {@code eventcontracts.kafka.bootstrap} did not answer. */
public final class KafkaUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;

    public KafkaUnreachableException(String bootstrapServers, String message, Throwable cause) {
        super(message, cause);
        this.bootstrapServers = bootstrapServers;
    }

    /** The bootstrap servers that were tried. */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
