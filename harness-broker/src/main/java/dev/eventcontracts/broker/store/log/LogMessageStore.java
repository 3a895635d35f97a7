package dev.eventcontracts.broker.store.log;

import dev.eventcontracts.broker.store.MemoryQueueStore;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.QueueEntry;
import dev.eventcontracts.broker.store.QueueStore;
import dev.eventcontracts.broker.store.RecoveryReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A {@link MessageStore} that keeps durable exchanges, queues, bindings and persistent messages on
 * durable queues in a {@link SegmentLog}. At start-up it replays the log (cutting a torn tail),
 * then compacts it into a fresh segment with only the live state. Writes are buffered and flushed
 * with one fsync per event-loop turn, so confirms of many publishers share a sync. Runs on the
 * broker's thread, except {@link #open(Path, Executor)}.
 */
public final class LogMessageStore implements MessageStore, AutoCloseable {
    private final Executor loop;
    private final SegmentLog log;
    private final Topology recoveredTopology;
    private final Map<String, TreeMap<Long, Message>> recoveredMessages;
    private final RecoveryReport report;
    private final Map<String, DurableQueueStore> durableQueues = new HashMap<>();
    private final List<Consumer<Boolean>> waiters = new ArrayList<>();
    private boolean flushScheduled;
    private IOException failure;

    private LogMessageStore(
            Executor loop,
            SegmentLog log,
            Topology topology,
            Map<String, TreeMap<Long, Message>> messages,
            RecoveryReport report) {
        this.loop = loop;
        this.log = log;
        this.recoveredTopology = topology;
        this.recoveredMessages = messages;
        this.report = report;
    }

    /**
     * Opens (creating if needed) the data directory, recovers its state and compacts the log.
     *
     * @param dir the data directory
     * @param loop the broker's thread, on which flushes run
     * @throws UncheckedIOException naming the directory and the fix when it cannot be used
     */
    public static LogMessageStore open(Path dir, Executor loop) {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new IOException("directory is not writable");
            }
            SegmentLog.Scan scan = SegmentLog.scan(dir);
            Replay replay = new Replay();
            scan.records().forEach(replay::apply);
            Topology topology = new Topology(
                    List.copyOf(replay.exchanges.values()),
                    List.copyOf(replay.queues.values()),
                    List.copyOf(replay.bindings));
            long messages =
                    replay.messages.values().stream().mapToLong(Map::size).sum();
            RecoveryReport report = new RecoveryReport(
                    dir,
                    scan.segments().size(),
                    scan.records().size(),
                    topology.exchanges().size(),
                    topology.queues().size(),
                    topology.bindings().size(),
                    messages,
                    scan.droppedBytes(),
                    scan.dropped());
            SegmentLog log = SegmentLog.create(dir, scan.segments());
            LogMessageStore store = new LogMessageStore(loop, log, topology, replay.messages, report);
            store.compact();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(
                    "Harness broker cannot use data directory '" + dir + "': " + e.getMessage()
                            + ". Pass a writable directory used only by this broker (--data-dir / dataDirectory).",
                    e));
        }
    }

    /** Writes the recovered live state into the fresh segment, syncs it and drops older segments. */
    private void compact() throws IOException {
        long first = log.currentIndex();
        recoveredTopology.exchanges().forEach(e -> log.append(new LogRecord.ExchangeDeclared(e)));
        recoveredTopology.queues().forEach(q -> log.append(new LogRecord.QueueDeclared(q)));
        recoveredTopology.bindings().forEach(b -> log.append(new LogRecord.BindingChanged(b, true)));
        recoveredMessages.forEach(
                (queue, messages) -> messages.forEach((seq, m) -> log.append(new LogRecord.Published(queue, seq, m))));
        log.flush();
        log.deleteSegmentsBefore(first);
    }

    /** What start-up recovery found and dropped. */
    public RecoveryReport report() {
        return report;
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
        TreeMap<Long, Message> messages = recoveredMessages.remove(queue);
        long last = messages == null || messages.isEmpty() ? 0 : messages.lastKey();
        MemoryQueueStore memory = new MemoryQueueStore(last);
        if (messages != null) {
            messages.forEach((seq, m) -> {
                QueueEntry e = new QueueEntry(seq, m, QueueEntry.NO_EXPIRY);
                e.markRedelivered();
                memory.append(e);
            });
        }
        DurableQueueStore store = new DurableQueueStore(queue, memory, this);
        durableQueues.put(queue, store);
        return store;
    }

    @Override
    public void delete(String virtualHost, String queue) {
        DurableQueueStore store = durableQueues.remove(queue);
        if (store != null) {
            write(new LogRecord.QueueDeleted(queue));
            store.markDeleted();
        }
    }

    @Override
    public void exchangeDeclared(ExchangeDef exchange) {
        write(new LogRecord.ExchangeDeclared(exchange));
    }

    @Override
    public void exchangeDeleted(String name) {
        write(new LogRecord.ExchangeDeleted(name));
    }

    @Override
    public void queueDeclared(QueueDef queue) {
        write(new LogRecord.QueueDeclared(queue));
    }

    @Override
    public void bindingAdded(BindingDef binding) {
        write(new LogRecord.BindingChanged(binding, true));
    }

    @Override
    public void bindingRemoved(BindingDef binding) {
        write(new LogRecord.BindingChanged(binding, false));
    }

    @Override
    public void afterSync(Consumer<Boolean> done) {
        waiters.add(done);
        scheduleFlush();
    }

    void write(LogRecord record) {
        log.append(record);
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flush);
        }
    }

    /** Writes and syncs what is buffered, then tells the waiters whether it reached the disk. */
    void flush() {
        flushScheduled = false;
        boolean written = failure == null;
        if (written) {
            try {
                log.flush();
            } catch (IOException e) {
                failure = e;
                written = false;
            }
        }
        List<Consumer<Boolean>> done = new ArrayList<>(waiters);
        waiters.clear();
        for (Consumer<Boolean> w : done) {
            w.accept(written);
        }
    }

    /** The write error that stopped the log, or null. */
    public IOException failure() {
        return failure;
    }

    /** Flushes and closes the log; call on the broker's thread. */
    @Override
    public void close() {
        try {
            log.close();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Replays log records into the live state. */
    private static final class Replay {
        final Map<String, ExchangeDef> exchanges = new LinkedHashMap<>();
        final Map<String, QueueDef> queues = new LinkedHashMap<>();
        final Set<BindingDef> bindings = new LinkedHashSet<>();
        final Map<String, TreeMap<Long, Message>> messages = new HashMap<>();

        void apply(LogRecord r) {
            if (r instanceof LogRecord.ExchangeDeclared e) {
                exchanges.put(e.def().name(), e.def());
            } else if (r instanceof LogRecord.ExchangeDeleted e) {
                exchanges.remove(e.name());
                bindings.removeIf(b -> b.source().equals(e.name())
                        || (b.toExchange() && b.destination().equals(e.name())));
            } else if (r instanceof LogRecord.QueueDeclared q) {
                queues.put(q.def().name(), q.def());
            } else if (r instanceof LogRecord.QueueDeleted q) {
                queues.remove(q.name());
                messages.remove(q.name());
                bindings.removeIf(b -> !b.toExchange() && b.destination().equals(q.name()));
            } else if (r instanceof LogRecord.BindingChanged b) {
                if (b.added()) {
                    bindings.add(b.def());
                } else {
                    bindings.remove(b.def());
                }
            } else if (r instanceof LogRecord.Published p) {
                if (queues.containsKey(p.queue())) {
                    messages.computeIfAbsent(p.queue(), q -> new TreeMap<>()).put(p.sequence(), p.message());
                }
            } else if (r instanceof LogRecord.Acked a) {
                TreeMap<Long, Message> m = messages.get(a.queue());
                if (m != null) {
                    m.remove(a.sequence());
                }
            }
        }
    }
}
