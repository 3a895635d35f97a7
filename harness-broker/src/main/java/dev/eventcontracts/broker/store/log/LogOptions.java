package dev.eventcontracts.broker.store.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tuning and test seams of the durable log.
 *
 * @param segmentBytes size at which a segment is closed and a new one started (default 64 MiB);
 *     smaller segments let compaction reclaim space sooner
 * @param writeHook called before every write, sync and segment creation; the default does nothing.
 *     Tests throw from it to simulate a full disk or a failing device deterministically, or block
 *     in it to hold a sync. {@code "fsync"} is called on the store's sync thread, the others on
 *     the broker's thread, so a hook must be thread-safe
 */
public record LogOptions(long segmentBytes, WriteHook writeHook) {
    /** 64 MiB segments, no hook. */
    public static final LogOptions DEFAULTS = new LogOptions(64L * 1024 * 1024, (segment, operation) -> {});

    /** Validates at once. */
    public LogOptions {
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException(
                    "segmentBytes " + segmentBytes + " is too small; use at least 4096 (default 64 MiB)");
        }
        if (writeHook == null) {
            throw new IllegalArgumentException("writeHook is null; pass (segment, operation) -> {} for none");
        }
    }

    /** These options with another segment size. */
    public LogOptions withSegmentBytes(long bytes) {
        return new LogOptions(bytes, writeHook);
    }

    /** These options with another write hook. */
    public LogOptions withWriteHook(WriteHook hook) {
        return new LogOptions(segmentBytes, hook);
    }

    /** A check run before the log touches the disk. */
    @FunctionalInterface
    public interface WriteHook {
        /**
         * Runs before {@code operation} ({@code "create"}, {@code "write"} or {@code "fsync"}) on
         * {@code segment}; throwing makes that operation fail as if the device had failed.
         */
        void before(Path segment, String operation) throws IOException;
    }
}
