package dev.eventcontracts.broker.amqp.connection;

import java.nio.charset.StandardCharsets;

/**
 * A reply text fitted into AMQP's short string (255 bytes) as RabbitMQ fits it: a longer text is
 * cut to 252 bytes and {@code ...} is appended (checked against RabbitMQ 3.10.8, see
 * docs/conformance.md). A multi-byte UTF-8 character is never split.
 */
final class ReplyText {
    static final int MAX_BYTES = 255;
    private static final String ELLIPSIS = "...";

    private ReplyText() {}

    static String truncate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return text;
        }
        int end = MAX_BYTES - ELLIPSIS.length();
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut inside a UTF-8 sequence
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + ELLIPSIS;
    }
}
