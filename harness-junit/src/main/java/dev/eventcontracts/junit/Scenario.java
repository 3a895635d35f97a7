package dev.eventcontracts.junit;

/**
 * The contract scenarios (a)–(n) of DESIGN.md §5, with the stable ids the results JSON and the
 * report use and the display names the generated tests show.
 */
public enum Scenario {
    DUPLICATE_DELIVERY("a", "duplicate-delivery", "delivered twice: same effects as one delivery"),
    LOST_ACK("b", "lost-ack", "redelivered after a lost ack: same effects as one delivery"),
    OUT_OF_ORDER_REDELIVERY(
            "c", "out-of-order-redelivery", "redelivered after later messages: same effects as in order"),
    BATCH_REPLAY("d", "batch-replay", "batch replayed after a restart: same effects as one delivery"),
    REPUBLISHED_NEW_MESSAGE_ID(
            "e",
            "republished-new-message-id",
            "same event republished with a new message id: same effects as one delivery"),
    CONCURRENT_INSTANCES(
            "f", "concurrent-instances", "two instances receive the same message at once: same effects as one"),
    UNDECODABLE_BYTES("g", "undecodable-bytes", "undecodable bytes: dead-lettered on the first delivery"),
    WRONG_SCHEMA("h", "wrong-schema", "payload of the wrong schema: dead-lettered on the first delivery"),
    NON_RETRYABLE("i", "non-retryable", "non-retryable failure: dead-lettered after one attempt"),
    RETRIES_EXHAUSTED("j", "retries-exhausted", "failure that persists: dead-lettered after exactly maxAttempts"),
    TRANSIENT_RECOVERS("k", "transient-recovers", "failure that recovers: processed once, not dead-lettered"),
    NO_HEAD_OF_LINE_BLOCKING("l", "no-head-of-line-blocking", "messages behind a poison message are still processed"),
    CONSERVATION("m", "conservation", "every message processed or dead-lettered, none lost, none both"),
    SCHEMA_EVOLUTION("n", "schema-evolution", "reads messages written with every writer schema version");

    private final String letter;
    private final String id;
    private final String displayName;

    Scenario(String letter, String id, String displayName) {
        this.letter = letter;
        this.id = id;
        this.displayName = displayName;
    }

    /** The letter of DESIGN.md §5, e.g. {@code "a"}. */
    public String letter() {
        return letter;
    }

    /** The stable id used in results and reports, e.g. {@code "duplicate-delivery"}. */
    public String id() {
        return id;
    }

    /** What the scenario proves, in words a person understands. */
    public String displayName() {
        return displayName;
    }

    /** True for the idempotency scenarios (a)–(f), which compare effects against a baseline run. */
    public boolean isIdempotency() {
        return ordinal() <= CONCURRENT_INSTANCES.ordinal();
    }

    /**
     * The scenario with the given id.
     *
     * @throws IllegalArgumentException naming the known ids when {@code id} is unknown
     */
    public static Scenario byId(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown scenario '" + id + "'; known: "
                + java.util.Arrays.stream(values()).map(Scenario::id).toList());
    }
}
