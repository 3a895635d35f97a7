package dev.eventcontracts.junit;

import dev.eventcontracts.annotations.contract.ContractScenario;

/**
 * The contract scenarios (a)–(o) as generated tests name them: one constant per {@link
 * ContractScenario}, the one place that describes them (letter, id, display name, test method,
 * default fix).
 */
public enum Scenario {
    DUPLICATE_DELIVERY(ContractScenario.DUPLICATE_DELIVERY),
    LOST_ACK(ContractScenario.LOST_ACK),
    COMMIT_LOST(ContractScenario.COMMIT_LOST),
    OUT_OF_ORDER_REDELIVERY(ContractScenario.OUT_OF_ORDER_REDELIVERY),
    REBALANCE_MID_BATCH(ContractScenario.REBALANCE_MID_BATCH),
    BATCH_REPLAY(ContractScenario.BATCH_REPLAY),
    OFFSET_REPLAY(ContractScenario.OFFSET_REPLAY),
    REPUBLISHED_NEW_MESSAGE_ID(ContractScenario.REPUBLISHED_NEW_MESSAGE_ID),
    NEW_KEY_AND_HEADERS(ContractScenario.NEW_KEY_AND_HEADERS),
    CONCURRENT_INSTANCES(ContractScenario.CONCURRENT_INSTANCES),
    GROUP_REBALANCE(ContractScenario.GROUP_REBALANCE),
    UNDECODABLE_BYTES(ContractScenario.UNDECODABLE_BYTES),
    WRONG_SCHEMA(ContractScenario.WRONG_SCHEMA),
    NON_RETRYABLE(ContractScenario.NON_RETRYABLE),
    RETRIES_EXHAUSTED(ContractScenario.RETRIES_EXHAUSTED),
    TRANSIENT_RECOVERS(ContractScenario.TRANSIENT_RECOVERS),
    NO_HEAD_OF_LINE_BLOCKING(ContractScenario.NO_HEAD_OF_LINE_BLOCKING),
    CONSERVATION(ContractScenario.CONSERVATION),
    SCHEMA_EVOLUTION(ContractScenario.SCHEMA_EVOLUTION),
    KEY_ORDERING(ContractScenario.KEY_ORDERING);

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

    /** True for (o), which compares the order of effects against a baseline run. */
    public boolean isOrdering() {
        return descriptor.group() == ContractScenario.Group.ORDERING;
    }

    /** The scenarios of {@code transport}, in letter order. */
    public static java.util.List<Scenario> on(ContractScenario.Transport transport) {
        return ContractScenario.on(transport).stream().map(Scenario::of).toList();
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
