package dev.eventcontracts.broker.store.log;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Group commit of a {@link SegmentLog}: the broker's thread writes, a sync thread of its own runs
 * {@code force()}. Each {@link #flush()} is one numbered write; callbacks registered before it wait
 * for a force that covers that number and run back on the broker's thread, oldest first. While a
 * force runs, further writes accumulate and the next force covers them all. A write nobody waits
 * for is forced with the next force anyway, or {@value #IDLE_SYNC_MILLIS} ms after it when no
 * other force comes. Everything except the force itself runs on the broker's thread, which must be
 * a single thread.
 */
final class GroupCommit {
    /** How long written records nobody waits for may stay unforced when no other force comes. */
    static final long IDLE_SYNC_MILLIS = 25;

    /** What the store does when a force ends; both run on the broker's thread. */
    interface Listener {
        /** A force succeeded and its callbacks ran: compaction may delete what it made dead. */
        void forced();

        /** A force failed; the log is cut back to the last forced length already. */
        void forceFailed(IOException error);
    }

    /** Callbacks waiting for the force of write number {@code gen}. */
    private record Batch(long gen, List<Consumer<Boolean>> callbacks) {}

    private final Executor loop;
    private final SegmentLog log;
    private final Listener listener;
    private final ScheduledExecutorService sync;
    private final List<Consumer<Boolean>> waiters = new ArrayList<>();
    private final ArrayDeque<Batch> awaitingForce = new ArrayDeque<>();
    private long writtenGen;
    private long forcedGen;
    private long wantedGen;
    private Future<IOException> forcing;
    private boolean idleSyncScheduled;
    private boolean halted;

    GroupCommit(Executor loop, SegmentLog log, Listener listener) {
        this.loop = loop;
        this.log = log;
        this.listener = listener;
        this.sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "harness-broker-log-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code done} once a force covered every record appended so far (on the next flush). */
    void await(Consumer<Boolean> done) {
        waiters.add(done);
    }

    /** Number of the write that will hold the records appended so far. */
    long coveringGen() {
        return log.hasPending() ? writtenGen + 1 : writtenGen;
    }

    /** Whether write number {@code gen} is forced. */
    boolean isForced(long gen) {
        return gen <= forcedGen;
    }

    /** Asks for a force covering write number {@code gen} (it starts once that write happened). */
    void want(long gen) {
        wantedGen = Math.max(wantedGen, gen);
    }

    /**
     * Writes what is buffered (without forcing it), queues the waiting callbacks behind the force
     * that will cover it and starts that force unless one is running.
     *
     * @throws IOException when the write failed (the log cut back the partial write)
     */
    void flush() throws IOException {
        if (log.hasPending()) {
            log.write();
            writtenGen++;
        }
        if (!waiters.isEmpty()) {
            awaitingForce.add(new Batch(writtenGen, new ArrayList<>(waiters)));
            waiters.clear();
            want(writtenGen);
        }
        releaseForced();
        startForce();
        scheduleIdleSync();
    }

    /** Writes and forces what is buffered on this thread (start-up, before any force runs). */
    void flushNow() throws IOException {
        log.flush();
        writtenGen++;
        forcedGen = writtenGen;
    }

    /** Starts a force of everything written so far if one is wanted and none is running. */
    void startForce() {
        if (forcing != null || halted) {
            return;
        }
        if (Math.min(wantedGen, writtenGen) <= forcedGen) {
            return;
        }
        long gen = writtenGen;
        SegmentLog.Force force = log.forceTask();
        forcing = sync.submit(() -> {
            IOException error = null;
            try {
                force.run();
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException e) {
                error = new IOException(e.toString(), e);
            }
            IOException outcome = error;
            onLoop(() -> forced(gen, force, outcome));
            return outcome;
        });
    }

    private void scheduleIdleSync() {
        if (forcing == null && writtenGen > forcedGen && !idleSyncScheduled && !halted) {
            idleSyncScheduled = true;
            sync.schedule(() -> onLoop(this::idleSyncDue), IDLE_SYNC_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void idleSyncDue() {
        idleSyncScheduled = false;
        want(writtenGen);
        startForce();
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the broker's thread stopped: close() drained the log before that
        }
    }

    private void forced(long gen, SegmentLog.Force force, IOException error) {
        if (halted) {
            return;
        }
        forcing = null;
        if (error != null) {
            log.cutBackToForced();
            listener.forceFailed(error);
            return;
        }
        forcedGen = Math.max(forcedGen, gen);
        log.forced(force);
        releaseForced();
        listener.forced();
        startForce();
        scheduleIdleSync();
    }

    private void releaseForced() {
        while (!awaitingForce.isEmpty() && awaitingForce.peekFirst().gen() <= forcedGen) {
            answer(awaitingForce.pollFirst().callbacks(), true);
        }
    }

    private static void answer(List<Consumer<Boolean>> callbacks, boolean written) {
        List<Consumer<Boolean>> done = new ArrayList<>(callbacks);
        callbacks.clear();
        for (Consumer<Boolean> c : done) {
            c.accept(written);
        }
    }

    /** Answers every waiting callback with {@code written}, oldest first. */
    void answerAll(boolean written) {
        while (!awaitingForce.isEmpty()) {
            answer(awaitingForce.pollFirst().callbacks(), written);
        }
        answer(waiters, written);
    }

    /** Starts no more forces; a running one is ignored when it ends (see {@link #drain()}). */
    void halt() {
        halted = true;
    }

    /**
     * Waits for the running force, if any, and returns its error (null when it succeeded or none
     * ran). Call on the broker's thread before {@link #halt()} and {@link #shutDown()}.
     */
    IOException drain() {
        if (forcing == null) {
            return null;
        }
        try {
            return forcing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IOException("interrupted while waiting for the log to sync", e);
        } catch (ExecutionException e) {
            return new IOException(e.getCause().toString(), e.getCause());
        } finally {
            forcing = null;
        }
    }

    /** Stops the sync thread. */
    void shutDown() {
        halted = true;
        sync.shutdownNow();
    }
}
