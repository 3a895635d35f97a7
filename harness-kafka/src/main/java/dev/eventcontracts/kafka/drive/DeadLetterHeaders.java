package dev.eventcontracts.kafka.drive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a dead-lettered record carries, named as Spring Kafka's {@code
 * DeadLetterPublishingRecoverer} names them, so the same checks read both: original topic,
 * partition (4-byte int) and offset (8-byte long), and the exception's class and message.
 */
public final class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    private DeadLetterHeaders() {}

    /** The original record's headers plus the dead-letter headers for {@code failure}. */
    static Headers of(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                ORIGINAL_PARTITION,
                ByteBuffer.allocate(4).putInt(record.partition()).array());
        headers.add(
                ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        headers.add(EXCEPTION_FQCN, failure.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(EXCEPTION_MESSAGE, String.valueOf(failure.getMessage()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The original offset a dead-lettered record names. */
    public static long originalOffset(Headers headers) {
        return ByteBuffer.wrap(headers.lastHeader(ORIGINAL_OFFSET).value()).getLong();
    }

    /** The original partition a dead-lettered record names. */
    public static int originalPartition(Headers headers) {
        return ByteBuffer.wrap(headers.lastHeader(ORIGINAL_PARTITION).value()).getInt();
    }

    /** A text header, or null. */
    public static String text(Headers headers, String name) {
        return headers.lastHeader(name) == null
                ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
