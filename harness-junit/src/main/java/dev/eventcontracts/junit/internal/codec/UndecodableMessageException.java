package dev.eventcontracts.junit.internal.codec;

/**
 * Thrown when our listener container cannot decode a message into the handler's payload type (an
 * unknown Avro schema id, bytes that are not Avro, JSON that does not parse or does not fit the
 * type). Such messages are dead-lettered at once, as a service's own container does with a
 * conversion failure (docs/contract-tests.md, "Listener container").
 */
public final class UndecodableMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With the reason, e.g. {@code "bytes are not a 'shop.OrderPlaced' record: ..."}. */
    public UndecodableMessageException(String message) {
        super(message);
    }

    /** With the reason and the decoder's own exception. */
    public UndecodableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
