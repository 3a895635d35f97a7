package dev.eventcontracts.kafka.drive;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes a record and calls the consumer's handler method; throws what the handler (or decoding) throws. */
@FunctionalInterface
public interface RecordHandler {

    void handle(ConsumerRecord<byte[], byte[]> record) throws Exception;
}
