package dev.eventcontracts.kafka.drive;

/**
 * What happened to one record.
 *
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param attempts handler calls
 * @param fate how it ended
 * @param failure the last exception's class and message, or null when processed
 */
public record Delivery(String topic, int partition, long offset, int attempts, Fate fate, String failure) {

    /** How a record ended. */
    public enum Fate {
        /** The handler returned; the offset was committed. */
        PROCESSED,
        /** Sent to the dead-letter topic; the offset was committed. */
        DEAD_LETTERED,
        /** Failed with no dead-letter topic declared: logged and skipped, the record is lost. */
        SKIPPED
    }
}
