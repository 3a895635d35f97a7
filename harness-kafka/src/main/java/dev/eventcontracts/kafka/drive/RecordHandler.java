package dev.eventcontracts.kafka.drive;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes a record and calls the consumer's handler method; throws what the handler (or decoding) throws. */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Handles one attempt at {@code record}.
     *
     * @param attempt the attempt at this record in this instance, 1-based (retries in place count up)
     */
    void handle(ConsumerRecord<byte[], byte[]> record, int attempt) throws Exception;
}
