package dev.eventcontracts.broker.amqp.codec;

import java.util.Arrays;

/**
 * The eight bytes a client sends first: {@code "AMQP" 0 0 9 1}. A server that receives anything
 * else answers with its own header and closes the socket.
 */
public final class ProtocolHeader {

    /** Length of the protocol header in bytes. */
    public static final int LENGTH = 8;

    private static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private ProtocolHeader() {}

    /** The header this broker speaks, as a fresh array the caller may keep. */
    public static byte[] amqp091() {
        return AMQP_0_9_1.clone();
    }

    /** Whether {@code header} is exactly the AMQP 0-9-1 protocol header. */
    public static boolean isAmqp091(byte[] header) {
        return Arrays.equals(AMQP_0_9_1, header);
    }
}
