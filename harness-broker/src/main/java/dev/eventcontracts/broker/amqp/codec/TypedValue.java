package dev.eventcontracts.broker.amqp.codec;

/**
 * A field value whose wire type has no distinct Java type of its own (unsigned byte {@code B},
 * unsigned short {@code u}, unsigned int {@code i}, spec long-long {@code L}); the type tag is
 * kept so that the value is re-encoded exactly as received.
 *
 * @param tag the one-byte type tag
 * @param value the value, widened to a long
 */
public record TypedValue(char tag, long value) {}
