package dev.eventcontracts.broker.ctl;

/** A failed {@link Ctl} command: the message for stderr and rabbitmqctl's exit code. */
final class CtlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int exitCode;

    CtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
