package dev.eventcontracts.kafka.drive;

/**
 * What the loop does with a settled record's offset. A listener container commits it ({@link
 * #COMMIT}); the contract scenarios also make it fail to, the ways Kafka loses commits.
 */
public enum CommitAction {
    /** Commit the offset after the record (the container's normal behaviour). */
    COMMIT,
    /**
     * Do not commit yet, keep polling: the record is part of a batch whose commit is pending; a
     * rebalance before the next commit hands it to the partition's next owner again.
     */
    HOLD,
    /**
     * The process dies after processing, before the commit: the loop stops at once and leaves the
     * group without committing, so the record is redelivered to the next owner of its partition.
     */
    CRASH
}
