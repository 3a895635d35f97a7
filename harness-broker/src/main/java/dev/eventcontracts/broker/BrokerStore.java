package dev.eventcontracts.broker;

import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.store.InMemoryMessageStore;
import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.RecoveryReport;
import dev.eventcontracts.broker.store.RestartedMemoryStore;
import dev.eventcontracts.broker.store.StoreStatus;
import dev.eventcontracts.broker.store.log.LogMessageStore;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The message store of one broker across its restarts: the durable log in the data directory, or
 * memory. At a restart the log is closed and recovered from disk, or the memory state is carried
 * over (docs/broker.md, Restart).
 */
final class BrokerStore {
    private final Path dataDirectory;
    private final LogOptions logOptions;
    private final BrokerThread thread;
    private LogMessageStore durable;

    /** {@code dataDirectory} null keeps everything in memory. */
    BrokerStore(Path dataDirectory, LogOptions logOptions, BrokerThread thread) {
        this.dataDirectory = dataDirectory;
        this.logOptions = logOptions;
        this.thread = thread;
    }

    /**
     * Opens the store at start: the durable log (recovered from disk) or an empty memory store.
     *
     * @throws UncheckedIOException when the data directory cannot be used
     */
    MessageStore open() {
        if (dataDirectory == null) {
            return new InMemoryMessageStore();
        }
        durable = LogMessageStore.open(dataDirectory, thread.loop(), logOptions);
        return durable;
    }

    /**
     * Shuts {@code old} down for a restart, on the broker's thread: in memory, what survives the
     * restart is taken first; the durable log is closed (it is read back by {@link #reopen}).
     *
     * @return the state to carry over, or null with a durable log
     */
    VirtualHost.DurableState shutDown(VirtualHost old) {
        VirtualHost.DurableState state = durable == null ? old.durableState() : null;
        old.shutDown();
        if (durable != null) {
            durable.close();
        }
        return state;
    }

    /**
     * The store after a restart: the durable log opened again, or a memory store holding {@code
     * carried}.
     */
    MessageStore reopen(VirtualHost.DurableState carried) {
        if (dataDirectory == null) {
            return new RestartedMemoryStore(carried.topology(), carried.messages());
        }
        durable = LogMessageStore.open(dataDirectory, thread.loop(), logOptions);
        return durable;
    }

    /** After a failed restart: the log is already closed, so closing the broker leaves it alone. */
    void forget() {
        durable = null;
    }

    Optional<RecoveryReport> recoveryReport() {
        return Optional.ofNullable(durable).map(LogMessageStore::report);
    }

    Optional<StoreStatus> status() {
        LogMessageStore log = durable;
        if (log == null) {
            return Optional.empty();
        }
        return Optional.of(thread.call(log::status, "read the store status"));
    }

    /** Closes the durable log (drains its sync thread), if there is one; waits 2 s at most. */
    void close() {
        LogMessageStore log = durable;
        if (log != null) {
            // a failure here changes nothing: the log was synced at the last flush
            thread.callWhileClosing(
                    () -> {
                        log.close();
                        return null;
                    },
                    BrokerThread.CLOSE_WAIT_MILLIS);
        }
    }
}
