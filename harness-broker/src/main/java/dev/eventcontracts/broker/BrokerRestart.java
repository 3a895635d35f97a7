package dev.eventcontracts.broker;

import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.core.policies.Policies;
import dev.eventcontracts.broker.store.MessageStore;
import io.netty.channel.ChannelFuture;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Restarts a broker with its durable state, as a RabbitMQ node restart looks to clients
 * (docs/broker.md, Restart): stop accepting, close every connection with 320, shut the virtual
 * host down, reopen the store, start a new virtual host that continues the old one's journal, bind
 * the same ports again. Also runs a restart a fault rule or the admin API asks for, on a thread of
 * its own.
 */
final class BrokerRestart {

    /** What a restart changes in the broker around it. */
    interface Target {
        /** The virtual host in force. */
        VirtualHost vhost();

        /** A new virtual host on {@code store}, with the broker's users, watermark and restart hook. */
        VirtualHost newVirtualHost(MessageStore store, Policies policies);

        /** Puts {@code next} in force (runs on the broker's thread). */
        void switchTo(VirtualHost next);
    }

    private final BrokerThread thread;
    private final AmqpListeners listeners;
    private final BrokerStore store;
    private final Target target;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile int count;

    BrokerRestart(BrokerThread thread, AmqpListeners listeners, BrokerStore store, Target target) {
        this.thread = thread;
        this.listeners = listeners;
        this.store = store;
        this.target = target;
    }

    /**
     * Restarts now, on the calling thread (not the broker's); the caller holds the broker's lock.
     *
     * @param closeBroker closes the broker when the store or a port cannot be had again
     * @throws java.io.UncheckedIOException when the data directory cannot be re-opened or a port
     *     cannot be bound again, after {@code closeBroker} ran
     */
    void restart(Runnable closeBroker) {
        pending.set(true);
        VirtualHost old = target.vhost();
        listeners.stopAccepting();
        List<ChannelFuture> closing = thread.call(listeners::forceCloseConnections, "close connections for a restart");
        VirtualHost.DurableState carried = thread.call(() -> store.shutDown(old), "shut down for a restart");
        AmqpListeners.awaitClosed(closing, BrokerThread.CLOSE_WAIT_MILLIS);
        try {
            VirtualHost next = target.newVirtualHost(store.reopen(carried), old.policies());
            thread.run(
                    () -> {
                        next.continueJournalOf(old);
                        target.switchTo(next);
                    },
                    "switch to the restarted virtual host");
            listeners.rebind(next);
        } catch (RuntimeException e) {
            store.forget();
            closeBroker.run();
            throw e;
        }
        count++;
        pending.set(false);
    }

    /**
     * Called on the broker's thread by a fault rule or the admin API: runs {@code restart} on
     * another thread, unless a restart is already under way.
     */
    void requestInBackground(String reason, Runnable restart) {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        restart.run();
                    } catch (RuntimeException e) {
                        System.err.println("event-contracts harness broker restart failed reason='" + reason
                                + "' error='" + e.getMessage() + "'");
                    } finally {
                        pending.set(false);
                    }
                },
                "harness-broker-restart");
        t.setDaemon(true);
        t.start();
    }

    /** How many restarts completed. */
    int count() {
        return count;
    }
}
