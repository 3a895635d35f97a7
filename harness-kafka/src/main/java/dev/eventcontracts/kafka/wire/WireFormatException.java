package dev.eventcontracts.kafka.wire;

/**
 * A record's bytes do not follow the wire format, or name a schema the registry does not have.
 * {@link #problem()} says which; the message gives the offending value and the fix.
 */
public final class WireFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the bytes. */
    public enum Problem {
        /** Fewer than the 5 header bytes. */
        TOO_SHORT,
        /** The first byte is not the format's magic byte 0. */
        UNKNOWN_MAGIC_BYTE,
        /** The registry has no schema with the id in the header. */
        UNKNOWN_SCHEMA_ID,
        /** The Avro body does not decode with the writer schema, or does not resolve to the reader schema. */
        UNDECODABLE_PAYLOAD,
        /** The value does not fit the writer schema. */
        UNENCODABLE_VALUE,
        /** The registry did not answer as expected. */
        REGISTRY_FAILED
    }

    private final Problem problem;

    public WireFormatException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }
}
