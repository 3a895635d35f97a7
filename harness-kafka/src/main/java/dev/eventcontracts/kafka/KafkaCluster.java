package dev.eventcontracts.kafka;

/**
 * A Kafka cluster the contract tests run against: the {@link EmbeddedKafka} the build starts, or
 * an {@link ExternalKafka} named by {@code eventcontracts.kafka.bootstrap}. Closing an embedded
 * cluster stops it; closing an external one only releases this side's clients.
 */
public interface KafkaCluster extends AutoCloseable {

    /** The property that names an external cluster's bootstrap servers and carries the embedded one's to the tests. */
    String BOOTSTRAP_PROPERTY = "eventcontracts.kafka.bootstrap";

    /** {@code host:port[,host:port…]} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /**
     * {@code "embedded Kafka 4.1.2 (KRaft) at 127.0.0.1:40123"} or {@code "external Kafka at
     * host:9092"}: what logs, results and reports name.
     */
    String description();

    /** Topics with run-unique names on this cluster, deleted when the returned object is closed. */
    default RunTopics runTopics(String runId) {
        return new RunTopics(bootstrapServers(), runId);
    }

    @Override
    void close();
}
