package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.ContentHeader;
import dev.eventcontracts.broker.store.Message;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * RabbitMQ's memory alarm, measured deterministically: "memory" is the bytes of message bodies and
 * encoded content headers held by the queues (ready and delivered-but-unsettled; a message routed
 * to three queues counts three times), not the JVM heap. The alarm is on while that sum is above
 * the high watermark and off again once it is at or below it. Listeners (the connections) hear of
 * a change once the current task has finished, so an alarm that flips several times within one
 * publish or ack batch is reported once, in its final state. Only the virtual host's thread calls
 * it.
 */
public final class MemoryAlarm {
    /** The reason RabbitMQ gives in {@code connection.blocked} for its memory alarm. */
    public static final String REASON = "low on memory";

    /** Hears when the alarm goes on or off. */
    public interface Listener {
        /** The alarm changed to {@code on}. */
        void memoryAlarm(boolean on);
    }

    private final Executor executor;
    private final Set<Listener> listeners = new LinkedHashSet<>();
    private long highWatermark;
    private long used;
    private boolean on;
    private boolean announced;
    private boolean announcing;

    MemoryAlarm(Executor executor) {
        this.executor = executor;
    }

    /**
     * Sets the high watermark in bytes; 0 turns flow control off (the default).
     *
     * @throws IllegalArgumentException when negative
     */
    public void highWatermark(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException(
                    "memory high watermark '" + bytes + "' is negative; use 0 (off) or a number of bytes");
        }
        this.highWatermark = bytes;
        update();
    }

    /** The high watermark in bytes; 0 when flow control is off. */
    public long highWatermark() {
        return highWatermark;
    }

    /** Bytes of message bodies and headers held by the queues. */
    public long used() {
        return used;
    }

    /** Whether the alarm is on as last announced to the listeners. */
    public boolean isOn() {
        return announced;
    }

    /** Registers a listener; it hears changes from now on (read {@link #isOn()} for the current state). */
    public void subscribe(Listener l) {
        listeners.add(l);
    }

    /** Removes a listener. */
    public void unsubscribe(Listener l) {
        listeners.remove(l);
    }

    /** The bytes a queue holds for {@code m}: its body plus its encoded content-header properties. */
    static long sizeOf(Message m) {
        byte[] encoded = m.encodedProperties();
        if (encoded == null) {
            encoded = ContentHeader.encodeProperties(m.properties());
            m.encodedProperties(encoded);
        }
        return (long) m.body().length + encoded.length;
    }

    void hold(Message m) {
        used += sizeOf(m);
        update();
    }

    void release(Message m) {
        used -= sizeOf(m);
        update();
    }

    private void update() {
        on = highWatermark > 0 && used > highWatermark;
        if (on != announced && !announcing) {
            announcing = true;
            executor.execute(this::announce);
        }
    }

    private void announce() {
        announcing = false;
        if (on == announced) {
            return;
        }
        announced = on;
        List<Listener> all = new ArrayList<>(listeners);
        for (Listener l : all) {
            l.memoryAlarm(on);
        }
    }
}
