package dev.eventcontracts.annotations.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * The contract scenarios (a)–(n), described once: the letter, the stable id results and reports
 * use, the generated test method, the display name, the group and the fix the gate suggests when
 * a result carries none. The runtime ({@code dev.eventcontracts.junit.Scenario}), the test
 * generator, the gate and the reports all read this list; docs/contract-tests.md §6 says what
 * each scenario exercises.
 */
public enum ContractScenario {
    DUPLICATE_DELIVERY(
            "a",
            "duplicate-delivery",
            "duplicateDelivery",
            "delivered twice: same effects as one delivery",
            Group.IDEMPOTENCY,
            "Make the handler idempotent: remember processed idempotency keys together with the effect and skip"
                    + " repeats."),
    LOST_ACK(
            "b",
            "lost-ack",
            "lostAck",
            "redelivered after a lost ack: same effects as one delivery",
            Group.IDEMPOTENCY,
            "Make the handler idempotent: a message whose ack was lost is redelivered with redelivered=true after"
                    + " its effects happened."),
    OUT_OF_ORDER_REDELIVERY(
            "c",
            "out-of-order-redelivery",
            "outOfOrderRedelivery",
            "redelivered after later messages: same effects as in order",
            Group.IDEMPOTENCY,
            "Do not assume order: deduplicate by idempotency key rather than by comparing with the last message"
                    + " seen."),
    BATCH_REPLAY(
            "d",
            "batch-replay",
            "batchReplay",
            "batch replayed after a restart: same effects as one delivery",
            Group.IDEMPOTENCY,
            "Keep the record of processed messages in the durable state the fixture plays, not in consumer fields."),
    REPUBLISHED_NEW_MESSAGE_ID(
            "e",
            "republished-new-message-id",
            "republishedWithNewMessageId",
            "same event republished with a new message id: same effects as one delivery",
            Group.IDEMPOTENCY,
            "Deduplicate on the business idempotency key (@EventConsumer(idempotencyKey = ...)), not on the AMQP"
                    + " message id."),
    CONCURRENT_INSTANCES(
            "f",
            "concurrent-instances",
            "concurrentInstances",
            "two instances receive the same message at once: same effects as one",
            Group.IDEMPOTENCY,
            "Make the check-and-record of the idempotency key atomic (unique constraint or compare-and-set)."),
    UNDECODABLE_BYTES(
            "g",
            "undecodable-bytes",
            "undecodableBytes",
            "undecodable bytes: dead-lettered on the first delivery",
            Group.DEAD_LETTER,
            "Reject undecodable messages without requeue and declare a dead-letter queue"
                    + " (@EventConsumer(deadLetterQueue = ...))."),
    WRONG_SCHEMA(
            "h",
            "wrong-schema",
            "wrongSchema",
            "payload of the wrong schema: dead-lettered on the first delivery",
            Group.DEAD_LETTER,
            "Reject payloads of the wrong schema without requeue so they reach the dead-letter queue."),
    NON_RETRYABLE(
            "i",
            "non-retryable",
            "nonRetryable",
            "non-retryable failure: dead-lettered after one attempt",
            Group.DEAD_LETTER,
            "List the exception in @EventConsumer(nonRetryable = ...) and reject it without requeue."),
    RETRIES_EXHAUSTED(
            "j",
            "retries-exhausted",
            "retriesExhausted",
            "failure that persists: dead-lettered after exactly maxAttempts",
            Group.DEAD_LETTER,
            "Count attempts (x-death or a retry header) and dead-letter after exactly maxAttempts."),
    TRANSIENT_RECOVERS(
            "k",
            "transient-recovers",
            "transientRecovers",
            "failure that recovers: processed once, not dead-lettered",
            Group.DEAD_LETTER,
            "Retry transient failures and make sure a recovered message is processed once and not dead-lettered."),
    NO_HEAD_OF_LINE_BLOCKING(
            "l",
            "no-head-of-line-blocking",
            "noHeadOfLineBlocking",
            "messages behind a poison message are still processed",
            Group.DEAD_LETTER,
            "Do not requeue poison messages at the head of the queue: dead-letter them so later messages proceed."),
    CONSERVATION(
            "m",
            "conservation",
            "conservation",
            "every message processed or dead-lettered, none lost, none both",
            Group.DEAD_LETTER,
            "Every message must be either processed or dead-lettered: do not ack failed messages and do not drop"
                    + " them."),
    SCHEMA_EVOLUTION(
            "n",
            "schema-evolution",
            "schemaEvolution",
            "reads messages written with every writer schema version",
            Group.SCHEMA,
            "Read with the consumer's schema as reader schema and resolve against the writer version; add defaults"
                    + " for new fields.");

    /** What a scenario checks. */
    public enum Group {
        /** (a)–(f): effects under redelivery equal one delivery. */
        IDEMPOTENCY,
        /** (g)–(m): failing messages reach the dead-letter queue, nothing is lost. */
        DEAD_LETTER,
        /** (n): every writer version is read. */
        SCHEMA
    }

    private final String letter;
    private final String id;
    private final String testMethod;
    private final String displayName;
    private final Group group;
    private final String defaultFix;

    ContractScenario(String letter, String id, String testMethod, String displayName, Group group, String defaultFix) {
        this.letter = letter;
        this.id = id;
        this.testMethod = testMethod;
        this.displayName = displayName;
        this.group = group;
        this.defaultFix = defaultFix;
    }

    /** The letter, e.g. {@code "a"}. */
    public String letter() {
        return letter;
    }

    /** The stable id used in results and reports, e.g. {@code "duplicate-delivery"}. */
    public String id() {
        return id;
    }

    /** The generated test method, e.g. {@code "duplicateDelivery"}. */
    public String testMethod() {
        return testMethod;
    }

    /** What the scenario proves, in words a person understands. */
    public String displayName() {
        return displayName;
    }

    /** What the scenario checks. */
    public Group group() {
        return group;
    }

    /** The fix the gate suggests when a failed result carries none. */
    public String defaultFix() {
        return defaultFix;
    }

    /** The scenario with this id, if it is one. */
    public static Optional<ContractScenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
