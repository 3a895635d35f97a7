package dev.eventcontracts.broker.store.log;

import dev.eventcontracts.broker.store.MemoryQueueStore;
import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.QueueEntry;
import dev.eventcontracts.broker.store.QueueStore;
import dev.eventcontracts.broker.store.RecoveryReport;
import dev.eventcontracts.broker.store.StoreStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link MessageStore} that keeps durable exchanges, queues, bindings and persistent messages on
 * durable queues in a {@link SegmentLog}. Start-up replays the log (cutting a torn tail) without
 * rewriting it. Records are buffered and written once per event-loop turn on the broker's thread;
 * {@code force()} runs on a sync thread of this store ({@link GroupCommit}), so the broker keeps
 * serving other connections while the disk syncs. {@link #afterSync} callbacks (publisher
 * confirms) run back on the broker's thread, in the order they were registered, once a force
 * covered every record written before them. Writes nobody waits for (consumer acks, topology) are
 * forced with the next force, or soon after when none comes, and always before a clean close.
 * After every force, online compaction deletes the oldest segments whose messages are all
 * settled, once the records that made them dead are forced (writing and forcing a topology
 * snapshot first when they hold topology), and copies the few live messages out of an old segment
 * that is mostly dead, a batch per loop turn. Runs on the broker's thread, except {@link #open}
 * and the forces.
 */
public final class LogMessageStore implements MessageStore, AutoCloseable {
    private static final int RELOCATE_BATCH = 4096;

    private final Path dir;
    private final Executor loop;
    private final SegmentLog log;
    private final Topology recoveredTopology;
    private final List<PolicyDef> recoveredPolicies;
    private final Map<String, List<QueueEntry>> recoveredEntries;
    private final RecoveryReport report;
    private final DurableTopology topology;
    private final TreeMap<Long, SegmentUsage> usages;
    private final Map<String, DurableQueueStore> durableQueues = new HashMap<>();
    private final GroupCommit commit;
    private long deadIndex = -1;
    private long deadGen;
    private boolean flushScheduled;
    private boolean starting;
    private boolean closed;
    private IOException failure;
    private String failureText = "";
    private long snapshotSegment = -1;
    private long snapshotGen;
    private boolean relocating;
    private long deletedSegments;
    private long reclaimedBytes;
    private long relocatedMessages;

    private LogMessageStore(
            Path dir,
            Executor loop,
            SegmentLog log,
            Replay replay,
            RecoveryReport report,
            Map<String, List<QueueEntry>> entries) {
        this.dir = dir;
        this.loop = loop;
        this.log = log;
        this.topology = replay.topology;
        this.recoveredTopology = replay.topology.toTopology();
        this.recoveredPolicies = replay.topology.policies();
        this.usages = replay.usages;
        this.recoveredEntries = entries;
        this.report = report;
        this.commit = new GroupCommit(loop, log, new GroupCommit.Listener() {
            @Override
            public void forced() {
                compact();
            }

            @Override
            public void forceFailed(IOException error) {
                fail(error);
            }
        });
    }

    /** Opens {@code dir} with the default options; see {@link #open(Path, Executor, LogOptions)}. */
    public static LogMessageStore open(Path dir, Executor loop) {
        return open(dir, loop, LogOptions.DEFAULTS);
    }

    /**
     * Opens (creating if needed) the data directory, recovers its state and deletes the segments
     * recovery found dead.
     *
     * @param dir the data directory
     * @param loop the broker's thread, on which flushes and compaction run
     * @param options segment size and write hook
     * @throws UncheckedIOException naming the directory and the fix when it cannot be used
     */
    public static LogMessageStore open(Path dir, Executor loop, LogOptions options) {
        try {
            DataDirectory.check(dir);
            Replay replay = new Replay();
            SegmentLog.Scan scan = SegmentLog.scan(dir, replay);
            scan.segments().forEach(s -> replay.usages.computeIfAbsent(s, SegmentUsage::new));
            replay.usages.keySet().retainAll(scan.segments());
            Map<String, List<QueueEntry>> entries = replay.liveEntries();
            Topology t = replay.topology.toTopology();
            long messages = entries.values().stream().mapToLong(List::size).sum();
            RecoveryReport report = new RecoveryReport(
                    dir,
                    scan.segments().size(),
                    scan.records(),
                    t.exchanges().size(),
                    t.queues().size(),
                    t.bindings().size(),
                    messages,
                    scan.droppedBytes(),
                    scan.dropped());
            long last = scan.segments().isEmpty()
                    ? 0
                    : scan.segments().get(scan.segments().size() - 1);
            SegmentLog log = SegmentLog.create(dir, last, options);
            LogMessageStore store = new LogMessageStore(dir, loop, log, replay, report, entries);
            try {
                store.compactAtStart();
            } catch (IOException | RuntimeException e) {
                store.commit.shutDown();
                log.close(false);
                throw e;
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(
                    "Harness broker cannot use data directory '" + dir + "': " + DataDirectory.describe(e)
                            + ". Pass a writable directory used only by this broker (--data-dir / dataDirectory).",
                    e));
        }
    }

    /** Deletes what recovery found dead, forcing a topology snapshot first on this thread. */
    private void compactAtStart() throws IOException {
        starting = true;
        try {
            deleteDeadPrefix();
            if (log.hasPending()) {
                commit.flushNow();
                deleteDeadPrefix();
            }
        } finally {
            starting = false;
        }
        if (log.hasPending()) {
            scheduleFlush();
        }
    }

    /** What start-up recovery found and dropped. */
    public RecoveryReport report() {
        return report;
    }

    /** Size, compaction and health of the log; call on the broker's thread. */
    public StoreStatus status() {
        int files;
        try (Stream<Path> s = Files.list(dir)) {
            files = (int)
                    s.filter(p -> p.getFileName().toString().endsWith(".seg")).count();
        } catch (IOException e) {
            files = -1;
        }
        long live = usages.values().stream().mapToLong(SegmentUsage::live).sum();
        return new StoreStatus(dir, files, live, deletedSegments, reclaimedBytes, relocatedMessages, failureText);
    }

    @Override
    public Topology recovered() {
        return recoveredTopology;
    }

    @Override
    public QueueStore open(String virtualHost, String queue, boolean durable) {
        if (!durable) {
            return new MemoryQueueStore(0);
        }
        List<QueueEntry> entries = recoveredEntries.remove(queue);
        long last = entries == null || entries.isEmpty()
                ? 0
                : entries.get(entries.size() - 1).sequence();
        MemoryQueueStore memory = new MemoryQueueStore(last);
        if (entries != null) {
            entries.forEach(memory::append);
        }
        DurableQueueStore store = new DurableQueueStore(queue, memory, this);
        durableQueues.put(queue, store);
        return store;
    }

    @Override
    public void delete(String virtualHost, String queue) {
        DurableQueueStore store = durableQueues.remove(queue);
        if (store != null) {
            writeTopology(new LogRecord.QueueDeleted(queue));
            store.markDeleted();
            usages.values().forEach(u -> u.removeQueue(queue));
        }
    }

    @Override
    public void exchangeDeclared(ExchangeDef exchange) {
        writeTopology(new LogRecord.ExchangeDeclared(exchange));
    }

    @Override
    public void exchangeDeleted(String name) {
        writeTopology(new LogRecord.ExchangeDeleted(name));
    }

    @Override
    public void queueDeclared(QueueDef queue) {
        writeTopology(new LogRecord.QueueDeclared(queue));
    }

    @Override
    public void bindingAdded(BindingDef binding) {
        writeTopology(new LogRecord.BindingChanged(binding, true));
    }

    @Override
    public void policiesChanged(List<PolicyDef> all) {
        writeTopology(new LogRecord.PoliciesSet(List.copyOf(all)));
    }

    @Override
    public List<PolicyDef> recoveredPolicies() {
        return recoveredPolicies;
    }

    @Override
    public void bindingRemoved(BindingDef binding) {
        writeTopology(new LogRecord.BindingChanged(binding, false));
    }

    @Override
    public void afterSync(Consumer<Boolean> done) {
        commit.await(done);
        scheduleFlush();
    }

    private void writeTopology(LogRecord record) {
        topology.apply(record);
        usage(log.appendIndex()).markTopology();
        write(record);
    }

    /** Logs that a persistent message entered {@code queue}. */
    void published(String queue, QueueEntry entry) {
        if (failure != null) {
            return;
        }
        write(new LogRecord.Published(queue, entry.sequence(), entry.message()));
        usage(log.appendIndex()).add(entry, queue);
    }

    /** Logs that a persistent message left {@code queue} for good. */
    void settled(String queue, QueueEntry entry) {
        write(new LogRecord.Acked(queue, entry.sequence()));
        release(entry);
    }

    /** Frees the log slot of an entry that is no longer needed. */
    void release(QueueEntry entry) {
        if (entry.storeSegment() instanceof SegmentUsage u) {
            u.remove(entry);
        }
    }

    /** {@code entry} replaced an entry of the same message and position (recovered TTL restart). */
    void adopt(QueueEntry entry) {
        if (entry.storeSegment() instanceof SegmentUsage u) {
            u.adopt(entry);
        }
    }

    private void write(LogRecord record) {
        if (failure != null || closed) {
            return;
        }
        log.append(record);
        if (!starting) {
            scheduleFlush();
        }
    }

    private SegmentUsage usage(long index) {
        Map.Entry<Long, SegmentUsage> last = usages.lastEntry();
        if (last != null && last.getKey() == index) {
            return last.getValue();
        }
        return usages.computeIfAbsent(index, SegmentUsage::new);
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flush);
        }
    }

    /**
     * Writes what is buffered (without forcing it) and lets the group commit force it; see
     * {@link GroupCommit#flush()}.
     */
    void flush() {
        flushScheduled = false;
        if (failure != null || closed) {
            commit.answerAll(false);
            return;
        }
        try {
            commit.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    /** After a force: deletes what it made deletable and starts copying out a mostly dead segment. */
    private void compact() {
        try {
            deleteDeadPrefix();
        } catch (IOException e) {
            fail(e);
            return;
        }
        maybeRelocate();
    }

    private void fail(IOException e) {
        failure = e;
        failureText = "Harness broker stopped writing its data directory '" + dir + "': " + DataDirectory.describe(e)
                + ". Persistent publishes are nacked from now on and nothing more is logged; free disk space"
                + " or fix the permissions of '" + dir + "', then restart the broker (recovery keeps every"
                + " message confirmed before the failure).";
        commit.halt();
        commit.answerAll(false);
    }

    /**
     * Deletes the oldest closed segments while none of their messages is live, once a force
     * covered every record written when the segment was first seen dead (the acks, dead-letter
     * copies, relocated copies and queue deletions that made it dead). A segment with topology
     * records goes only once a snapshot of the topology sits, forced, in a later segment; if none
     * does, one is written and the deletion waits for its force.
     */
    private void deleteDeadPrefix() throws IOException {
        while (!usages.isEmpty()) {
            SegmentUsage first = usages.firstEntry().getValue();
            if (first.index >= log.openIndex() || first.live() > 0) {
                if (first.index == deadIndex) {
                    deadIndex = -1;
                }
                return;
            }
            if (first.hasTopology() && !(snapshotForced() && snapshotSegment > first.index)) {
                if (snapshotSegment <= first.index) {
                    writeSnapshot();
                }
                if (!snapshotForced()) {
                    commit.want(snapshotGen);
                    return;
                }
            }
            if (deadIndex != first.index) {
                deadIndex = first.index;
                deadGen = commit.coveringGen();
            }
            if (!commit.isForced(deadGen)) {
                commit.want(deadGen);
                return;
            }
            reclaimedBytes += log.delete(first.index);
            deletedSegments++;
            usages.remove(first.index);
        }
    }

    private boolean snapshotForced() {
        return commit.isForced(snapshotGen);
    }

    private void writeSnapshot() {
        List<LogRecord> records = topology.snapshot();
        snapshotSegment = log.appendIndex();
        if (records.isEmpty()) {
            snapshotGen = 0;
            return;
        }
        usage(snapshotSegment).markTopology();
        records.forEach(this::write);
        snapshotGen = commit.coveringGen();
    }

    /** Starts copying the live messages out of the oldest segment when few of its messages live. */
    private void maybeRelocate() {
        if (relocating || failure != null || usages.isEmpty()) {
            return;
        }
        SegmentUsage first = usages.firstEntry().getValue();
        if (first.index >= log.openIndex() || first.live() == 0 || (long) first.live() * 4 > first.size()) {
            return;
        }
        relocating = true;
        loop.execute(() -> relocate(first, 0));
    }

    private void relocate(SegmentUsage from, int start) {
        if (failure != null || closed || usages.get(from.index) != from) {
            relocating = false;
            return;
        }
        int end = Math.min(from.size(), start + RELOCATE_BATCH);
        for (int slot = start; slot < end; slot++) {
            QueueEntry e = from.entry(slot);
            if (e != null) {
                String queue = from.queue(slot);
                log.append(new LogRecord.Published(queue, e.sequence(), e.message()));
                usage(log.appendIndex()).add(e, queue);
                from.moved(slot);
                relocatedMessages++;
            }
        }
        scheduleFlush();
        if (end < from.size()) {
            loop.execute(() -> relocate(from, end));
        } else {
            relocating = false;
        }
    }

    @Override
    public String writeFailure() {
        if (failure == null) {
            return "";
        }
        String text = "persistent messages cannot be stored: data directory '" + dir + "' failed: "
                + DataDirectory.describe(failure);
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    /** The write error that stopped the log, or null. */
    public IOException failure() {
        return failure;
    }

    /**
     * Waits for the running force, writes and forces what is left (unless writing failed), answers
     * every waiting callback, closes the log and stops the sync thread; call on the broker's thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        IOException running = commit.drain();
        if (running != null && failure == null) {
            log.cutBackToForced();
            fail(running);
        }
        closed = true;
        commit.shutDown();
        try {
            log.close(failure == null);
            commit.answerAll(failure == null);
        } catch (IOException e) {
            fail(e);
        }
    }
}
