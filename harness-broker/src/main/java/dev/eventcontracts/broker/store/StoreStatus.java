package dev.eventcontracts.broker.store;

import java.nio.file.Path;

/**
 * The durable store of a running broker: how big its log is, what online compaction reclaimed,
 * and whether writing failed.
 *
 * @param directory the data directory
 * @param segments segment files on disk
 * @param liveMessages persistent messages the log keeps (ready or delivered and not yet settled)
 * @param deletedSegments segments compaction deleted since start
 * @param reclaimedBytes bytes those segments held
 * @param relocatedMessages live messages compaction copied out of mostly-dead segments
 * @param failure why the store stopped writing (naming the file and the fix), empty while healthy
 */
public record StoreStatus(
        Path directory,
        int segments,
        long liveMessages,
        long deletedSegments,
        long reclaimedBytes,
        long relocatedMessages,
        String failure) {

    /** Whether writes failed; from then on persistent publishes are nacked. */
    public boolean failed() {
        return !failure.isEmpty();
    }
}
