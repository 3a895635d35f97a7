package dev.eventcontracts.junit;

/** The outcome of one scenario, as written to the results JSON. */
public enum ScenarioStatus {
    /** The consumer honoured the contract. */
    PASSED,
    /** The consumer broke the contract; the message says how and the fix says what to change. */
    FAILED,
    /** The scenario could not be carried out (broker unreachable, consumer cannot be built, ...). */
    ERROR,
    /** The scenario does not apply to this contract (e.g. no non-retryable exceptions declared). */
    SKIPPED
}
