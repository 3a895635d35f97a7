package dev.eventcontracts.spring.kafka;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The two sets of headers Spring Kafka 4.0 writes on a copy of a failed record to say where it
 * came from (docs/kafka.md §5.3): a {@code DeadLetterPublishingRecoverer} of the user's writes
 * {@code kafka_dlt-original-*} and {@code kafka_dlt-exception-*} ({@code KafkaHeaders.DLT_*});
 * the one {@code @RetryableTopic} builds ({@code DeadLetterPublishingRecovererFactory}) writes
 * {@code kafka_original-*} and {@code kafka_exception-*} on every retry and dead-letter copy,
 * keeping the first origin (the listener's topic) across retry topics. Each constant names the
 * headers of the original topic (UTF-8), partition (4-byte int), offset (8-byte long) and the
 * exception's class name.
 */
enum OriginHeaders {
    DEAD_LETTER(
            "kafka_dlt-original-topic",
            "kafka_dlt-original-partition",
            "kafka_dlt-original-offset",
            "kafka_dlt-exception-fqcn"),
    RETRY_TOPIC("kafka_original-topic", "kafka_original-partition", "kafka_original-offset", "kafka_exception-fqcn");

    private final String topic;
    private final String partition;
    private final String offset;
    private final String exception;

    OriginHeaders(String topic, String partition, String offset, String exception) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.exception = exception;
    }

    String topic() {
        return topic;
    }

    /**
     * What {@code copy}'s headers of this set get wrong about the record at {@code
     * topic}-{@code partition}@{@code offset}: empty when they name it and its exception.
     */
    List<String> problems(TopicObserver.Seen copy, String topic, int partition, long offset) {
        List<String> problems = originProblems(copy, topic, partition, offset);
        if (copy.header(exception) == null) {
            problems.add(exception + " is missing");
        }
        return problems;
    }

    /** As {@link #problems}, without the exception: whether {@code copy} names that record at all. */
    List<String> originProblems(TopicObserver.Seen copy, String topic, int partition, long offset) {
        List<String> problems = new ArrayList<>();
        if (!topic.equals(copy.header(this.topic))) {
            problems.add(this.topic + " is '" + copy.header(this.topic) + "', not '" + topic + "'");
        }
        byte[] p = copy.headers().get(this.partition);
        if (p == null || p.length != Integer.BYTES || ByteBuffer.wrap(p).getInt() != partition) {
            problems.add(this.partition + " does not hold " + partition);
        }
        byte[] o = copy.headers().get(this.offset);
        if (o == null || o.length != Long.BYTES || ByteBuffer.wrap(o).getLong() != offset) {
            problems.add(this.offset + " does not hold " + offset);
        }
        return problems;
    }
}
