package dev.eventcontracts.broker.amqp.connection;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.InboundFrame;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
import dev.eventcontracts.broker.core.ClientConnection.FlowState;
import dev.eventcontracts.broker.core.MemoryAlarm;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Memory-alarm flow control of one connection, as in RabbitMQ (docs/broker.md, Flow control):
 * while the {@link MemoryAlarm} is on, the connection is {@code blocking}; the first publish it
 * sends makes it {@code blocked}: the client is told with {@code connection.blocked} (if its client
 * properties announced that capability) and the socket is no longer read, frames already decoded
 * are held. Connections that only consume are never blocked, so queues can drain. When the alarm
 * clears, the client gets {@code connection.unblocked}, the held frames are processed and reading
 * resumes. Runs on the virtual host's thread.
 */
final class FlowControl {
    private final AmqpConnectionHandler connection;
    private final ArrayDeque<InboundFrame> held = new ArrayDeque<>();
    private FlowState flow = FlowState.RUNNING;
    private boolean clientWantsBlockedNotify;
    private boolean blockedSent;
    private long resumedAtNanos;
    private boolean resumed;

    FlowControl(AmqpConnectionHandler connection) {
        this.connection = connection;
    }

    /** Whether the client announced the {@code connection.blocked} capability. */
    void clientWantsBlockedNotify(boolean wants) {
        this.clientWantsBlockedNotify = wants;
    }

    /**
     * Holds {@code frame} when reading is stopped (or frames wait already) and returns true: it
     * was read before reading stopped and is processed when the alarm clears.
     */
    boolean hold(InboundFrame frame) {
        if (flow == FlowState.BLOCKED || !held.isEmpty()) {
            held.addLast(frame);
            return true;
        }
        return false;
    }

    /** The connection opened while the alarm is on: it is blocking from the start. */
    void openedDuringAlarm() {
        set(FlowState.BLOCKING);
    }

    /** The alarm went on or off (the connection is open). */
    void alarm(boolean on) {
        if (on) {
            if (flow == FlowState.RUNNING) {
                set(FlowState.BLOCKING);
            }
            return;
        }
        FlowState was = flow;
        set(FlowState.RUNNING);
        if (was == FlowState.BLOCKED) {
            if (blockedSent) {
                blockedSent = false;
                connection.sendMethod(0, AmqpMethod.of(MethodSpec.CONNECTION_UNBLOCKED));
            }
            resumeReading();
        }
    }

    /**
     * After a frame that completed a publish (the message is routed first, as RabbitMQ does): a
     * blocking connection becomes blocked and stops being read.
     */
    void afterPublish() {
        if (flow != FlowState.BLOCKING) {
            return;
        }
        set(FlowState.BLOCKED);
        connection.autoRead(false);
        if (clientWantsBlockedNotify && !blockedSent) {
            blockedSent = true;
            connection.sendMethod(0, AmqpMethod.of(MethodSpec.CONNECTION_BLOCKED, MemoryAlarm.REASON));
        }
    }

    /** Whether the connection is blocking, so that a completed publish blocks it. */
    boolean isBlocking() {
        return flow == FlowState.BLOCKING;
    }

    /**
     * Whether silence from the peer is our own doing: the connection is blocked, or reading
     * resumed less than one heartbeat timeout ago. A blocked connection is exempt from the
     * missed-heartbeat check, since the broker itself stopped reading.
     */
    boolean readingPaused(long heartbeatMillis) {
        return flow == FlowState.BLOCKED
                || (resumed && System.nanoTime() - resumedAtNanos < TimeUnit.MILLISECONDS.toNanos(heartbeatMillis * 2));
    }

    /** The broker closes the connection: a blocked one is read again, to see the peer's close-ok. */
    void releaseForClose() {
        if (flow == FlowState.BLOCKED) {
            flow = FlowState.RUNNING; // read the peer's close-ok; CLOSING ignores everything else
            resumeReading();
        }
    }

    /** The socket closed: held frames are dropped. */
    void clear() {
        held.clear();
    }

    /** Processes the frames held while blocked, then reads from the socket again. */
    private void resumeReading() {
        resumedAtNanos = System.nanoTime();
        resumed = true;
        while (!held.isEmpty() && flow != FlowState.BLOCKED && !connection.isClosed()) {
            connection.process(held.pollFirst());
        }
        if (flow != FlowState.BLOCKED) {
            connection.autoRead(true);
        }
    }

    private void set(FlowState next) {
        flow = next;
        connection.flowStateChanged(next);
    }
}
