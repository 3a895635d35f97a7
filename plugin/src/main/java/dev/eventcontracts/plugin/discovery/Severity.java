package dev.eventcontracts.plugin.discovery;

/** How serious a discovery {@link Finding} is. */
public enum Severity {
    /** The consumer cannot be tested as written (e.g. unparsable source). */
    ERROR,
    /** The consumer is tested, but something about its contract is risky (e.g. no dead-letter queue). */
    WARNING,
    /** Worth knowing (e.g. no fixture, so idempotency is judged on effects only). */
    INFO
}
