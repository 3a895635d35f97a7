package dev.eventcontracts.broker;

import io.netty.channel.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work on the broker's single event-loop thread, which owns the broker state: callers on other
 * threads submit a task and wait for it, the loop itself runs it at once. One place for the
 * waiting, the timeout and the translation of failures.
 */
final class BrokerThread {
    /** How long a caller waits for the broker's thread. */
    static final long WAIT_MILLIS = 10_000;
    /** How long closing and restarting wait for the store and the clients' close-ok. */
    static final long CLOSE_WAIT_MILLIS = 2000;

    private final EventLoop loop;

    BrokerThread(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    boolean inThread() {
        return loop.inEventLoop();
    }

    /**
     * Runs {@code task} on the broker's thread and returns its result; a {@link RuntimeException}
     * it throws is rethrown as it is.
     *
     * @param what what the task does, for messages: {@code "set policy 'dlx'"}
     * @throws IllegalStateException when interrupted, or when the thread does not answer in 10 s
     */
    <T> T call(Callable<T> task, String what) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        try {
            return loop.submit(task).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker tried to " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker's thread did not " + what + " within 10 s", e);
        }
    }

    /** {@link #call} for a task without a result. */
    void run(Runnable task, String what) {
        call(
                () -> {
                    task.run();
                    return null;
                },
                what);
    }

    /**
     * Like {@link #call}, but every failure of the task, a runtime one too, comes back as an
     * {@link IllegalStateException} saying {@code what} failed (the public {@code Faults} promises
     * no other exception).
     */
    <T> T callWrapped(Callable<T> task, String what) {
        try {
            return call(task, what);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        }
    }

    /**
     * Runs {@code task} on the broker's thread while closing, waiting {@code millis} at most;
     * returns null when it failed or did not finish in time (closing goes on regardless).
     */
    <T> T callWhileClosing(Callable<T> task, long millis) {
        try {
            return loop.submit(task).get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
