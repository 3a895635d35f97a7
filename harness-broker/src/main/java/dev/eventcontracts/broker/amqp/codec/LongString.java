package dev.eventcontracts.broker.amqp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An AMQP long string ({@code S}): raw bytes that are usually, but not necessarily, UTF-8 text.
 * Kept as bytes so that headers pass through the broker unchanged.
 */
public final class LongString {
    private final byte[] bytes;

    private LongString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps {@code bytes} without copying; callers must not modify the array afterwards. */
    public static LongString wrap(byte[] bytes) {
        return new LongString(bytes);
    }

    /** The UTF-8 encoding of {@code text}. */
    public static LongString of(String text) {
        return new LongString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
