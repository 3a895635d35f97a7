package dev.eventcontracts.annotations.contract;

/**
 * The defaults of a consumer contract and of the scenarios that check it, in one place: the
 * annotation, the runtime, consumer discovery and the gate all read them here
 * (docs/contract-tests.md).
 */
public final class ContractDefaults {

    /** Deliveries before a retryable failure is dead-lettered, when nothing says otherwise. */
    public static final int MAX_ATTEMPTS = 3;

    /** Deliveries of one message after which a scenario counts it as looping forever. */
    public static final int LOOP_BOUND = 25;

    /** Seed of the generated sample data. */
    public static final long SAMPLE_SEED = 42;

    /** Seconds a scenario waits for its messages to settle. */
    public static final int SETTLE_SECONDS = 10;

    private ContractDefaults() {}
}
