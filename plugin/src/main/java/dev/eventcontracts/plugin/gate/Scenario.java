package dev.eventcontracts.plugin.gate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The contract scenarios of DESIGN.md §5, in report column order, with the fix the gate suggests
 * when a result carries none.
 */
public enum Scenario {
    DUPLICATE_DELIVERY(
            "a",
            "duplicate-delivery",
            "Make the handler idempotent: remember processed idempotency keys together with the effect and skip repeats."),
    LOST_ACK(
            "b",
            "lost-ack",
            "Make the handler idempotent: a message whose ack was lost is redelivered with redelivered=true after its effects happened."),
    OUT_OF_ORDER_REDELIVERY(
            "c",
            "out-of-order-redelivery",
            "Do not assume order: deduplicate by idempotency key rather than by comparing with the last message seen."),
    BATCH_REPLAY(
            "d",
            "batch-replay",
            "Keep the record of processed messages in the durable state the fixture plays, not in consumer fields."),
    REPUBLISHED_NEW_MESSAGE_ID(
            "e",
            "republished-new-message-id",
            "Deduplicate on the business idempotency key (@EventConsumer(idempotencyKey = ...)), not on the AMQP message id."),
    CONCURRENT_INSTANCES(
            "f",
            "concurrent-instances",
            "Make the check-and-record of the idempotency key atomic (unique constraint or compare-and-set)."),
    UNDECODABLE_BYTES(
            "g",
            "undecodable-bytes",
            "Reject undecodable messages without requeue and declare a dead-letter queue (@EventConsumer(deadLetterQueue = ...))."),
    WRONG_SCHEMA(
            "h",
            "wrong-schema",
            "Reject payloads of the wrong schema without requeue so they reach the dead-letter queue."),
    NON_RETRYABLE(
            "i",
            "non-retryable",
            "List the exception in @EventConsumer(nonRetryable = ...) and reject it without requeue."),
    RETRIES_EXHAUSTED(
            "j",
            "retries-exhausted",
            "Count attempts (x-death or a retry header) and dead-letter after exactly maxAttempts."),
    TRANSIENT_RECOVERS(
            "k",
            "transient-recovers",
            "Retry transient failures and make sure a recovered message is processed once and not dead-lettered."),
    NO_HEAD_OF_LINE_BLOCKING(
            "l",
            "no-head-of-line-blocking",
            "Do not requeue poison messages at the head of the queue: dead-letter them so later messages proceed."),
    CONSERVATION(
            "m",
            "conservation",
            "Every message must be either processed or dead-lettered: do not ack failed messages and do not drop them."),
    SCHEMA_EVOLUTION(
            "n",
            "schema-evolution",
            "Read with the consumer's schema as reader schema and resolve against the writer version; add defaults for new fields.");

    private final String letter;
    private final String id;
    private final String defaultFix;

    Scenario(String letter, String id, String defaultFix) {
        this.letter = letter;
        this.id = id;
        this.defaultFix = defaultFix;
    }

    /** The letter of DESIGN.md §5. */
    public String letter() {
        return letter;
    }

    /** The id results files use. */
    public String id() {
        return id;
    }

    /** The fix suggested when a failed result carries none. */
    public String defaultFix() {
        return defaultFix;
    }

    /** All scenarios in column order. */
    public static List<Scenario> ordered() {
        return List.of(values());
    }

    /** The scenario with this id, if it is one of ours. */
    public static Optional<Scenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
