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
 *
 * <p>Besides the watermark, an alarm can be raised and cleared by hand for either resource RabbitMQ
 * knows, {@code memory} and {@code disk}, as {@code rabbitmqctl eval
 * 'rabbit_alarm:set_alarm(...)'} does on RabbitMQ (docs/broker.md, "Flow control"). Any of them
 * turns the alarm on; {@link #reason()} names the ones that are on, as RabbitMQ 3.10 does.
 */
public final class MemoryAlarm {
    /** The reason RabbitMQ gives in {@code connection.blocked} for its memory alarm. */
    public static final String REASON = "low on memory";

    /** A resource RabbitMQ raises alarms for. */
    public enum Resource {
        MEMORY,
        DISK;

        /** RabbitMQ's name: {@code memory} or {@code disk}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Hears when the alarm goes on or off. */
    public interface Listener {
        /** The alarm changed to {@code on}. */
        void memoryAlarm(boolean on);
    }

    private final Executor executor;
    private final Set<Listener> listeners = new LinkedHashSet<>();
    private long highWatermark;
    private long used;
    private boolean memoryRaised;
    private boolean diskRaised;
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

    /** Raises ({@code on}) or clears an alarm for {@code resource} by hand, whatever the watermark says. */
    public void raised(Resource resource, boolean raise) {
        if (resource == Resource.MEMORY) {
            memoryRaised = raise;
        } else {
            diskRaised = raise;
        }
        update();
    }

    /** Whether the memory alarm is on: above the watermark or raised by hand. */
    public boolean memoryAlarm() {
        return memoryRaised || (highWatermark > 0 && used > highWatermark);
    }

    /** Whether the disk alarm is raised. */
    public boolean diskAlarm() {
        return diskRaised;
    }

    /**
     * The reason for {@code connection.blocked}, as RabbitMQ 3.10.8 words it: {@code low on memory},
     * {@code low on disk}, or {@code low on disk & memory} when both are on.
     */
    public String reason() {
        if (diskRaised && memoryAlarm()) {
            return "low on disk & memory";
        }
        return diskRaised ? "low on disk" : REASON;
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
        on = memoryAlarm() || diskRaised;
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
