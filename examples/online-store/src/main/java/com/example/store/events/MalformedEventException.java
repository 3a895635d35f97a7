package com.example.store.events;

/** A message that can never be processed: undecodable bytes or an unknown schema version. */
public class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a reason. */
    public MalformedEventException(String message) {
        super(message);
    }

    /** With a reason and the decoder's exception. */
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
