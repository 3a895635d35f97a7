package dev.eventcontracts.registry.consumers;

/** A consumer contract or deployment record in the registry cannot be read or written; the message says which and how to fix it. */
public final class ContractStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the artifact and the fix. */
    public ContractStoreException(String message) {
        super(message);
    }

    /** An exception with a message that names the artifact and the fix, and its cause. */
    public ContractStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
