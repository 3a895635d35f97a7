package dev.eventcontracts.junit;

import dev.eventcontracts.annotations.contract.ContractScenario;

/**
 * The contract scenarios (a)–(n) as generated tests name them: one constant per {@link
 * ContractScenario}, the one place that describes them (letter, id, display name, test method,
 * default fix).
 */
public enum Scenario {
    DUPLICATE_DELIVERY(ContractScenario.DUPLICATE_DELIVERY),
    LOST_ACK(ContractScenario.LOST_ACK),
    OUT_OF_ORDER_REDELIVERY(ContractScenario.OUT_OF_ORDER_REDELIVERY),
    BATCH_REPLAY(ContractScenario.BATCH_REPLAY),
    REPUBLISHED_NEW_MESSAGE_ID(ContractScenario.REPUBLISHED_NEW_MESSAGE_ID),
    CONCURRENT_INSTANCES(ContractScenario.CONCURRENT_INSTANCES),
    UNDECODABLE_BYTES(ContractScenario.UNDECODABLE_BYTES),
    WRONG_SCHEMA(ContractScenario.WRONG_SCHEMA),
    NON_RETRYABLE(ContractScenario.NON_RETRYABLE),
    RETRIES_EXHAUSTED(ContractScenario.RETRIES_EXHAUSTED),
    TRANSIENT_RECOVERS(ContractScenario.TRANSIENT_RECOVERS),
    NO_HEAD_OF_LINE_BLOCKING(ContractScenario.NO_HEAD_OF_LINE_BLOCKING),
    CONSERVATION(ContractScenario.CONSERVATION),
    SCHEMA_EVOLUTION(ContractScenario.SCHEMA_EVOLUTION);

    private final ContractScenario descriptor;

    Scenario(ContractScenario descriptor) {
        this.descriptor = descriptor;
    }

    /** The description shared with the generator, the gate and the reports. */
    public ContractScenario descriptor() {
        return descriptor;
    }

    /** The letter of docs/contract-tests.md, e.g. {@code "a"}. */
    public String letter() {
        return descriptor.letter();
    }

    /** The stable id used in results and reports, e.g. {@code "duplicate-delivery"}. */
    public String id() {
        return descriptor.id();
    }

    /** What the scenario proves, in words a person understands. */
    public String displayName() {
        return descriptor.displayName();
    }

    /** True for the idempotency scenarios (a)–(f), which compare effects against a baseline run. */
    public boolean isIdempotency() {
        return descriptor.group() == ContractScenario.Group.IDEMPOTENCY;
    }

    /** The constant for {@code descriptor}. */
    public static Scenario of(ContractScenario descriptor) {
        return valueOf(descriptor.name());
    }

    /**
     * The scenario with the given id.
     *
     * @throws IllegalArgumentException naming the known ids when {@code id} is unknown
     */
    public static Scenario byId(String id) {
        return ContractScenario.byId(id)
                .map(Scenario::of)
                .orElseThrow(() -> new IllegalArgumentException("Unknown scenario '" + id + "'; known: "
                        + java.util.Arrays.stream(values()).map(Scenario::id).toList()));
    }
}
