package com.example.store.events;

/**
 * An {@code OrderPlaced} that no retry can make valid (no lines, a non-positive quantity). Consumers
 * declare it in {@code nonRetryable}, so such a record goes to the dead-letter topic at once.
 */
public class InvalidOrderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the reason, naming the order and the offending value. */
    public InvalidOrderException(String message) {
        super(message);
    }
}
