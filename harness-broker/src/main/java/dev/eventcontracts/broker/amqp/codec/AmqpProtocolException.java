package dev.eventcontracts.broker.amqp.codec;

/**
 * Input that violates the AMQP 0-9-1 framing or encoding rules. Always a connection error: the
 * connection that sent it is closed with {@link #replyCode()} and the other connections are
 * untouched.
 */
public final class AmqpProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int replyCode;

    /** A protocol error with an AMQP reply code (501 frame error, 502 syntax error, ...). */
    public AmqpProtocolException(int replyCode, String message) {
        super(message);
        this.replyCode = replyCode;
    }

    /** The AMQP reply code to close the connection with. */
    public int replyCode() {
        return replyCode;
    }
}
