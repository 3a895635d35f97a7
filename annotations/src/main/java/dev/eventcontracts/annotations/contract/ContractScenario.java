package dev.eventcontracts.annotations.contract;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The contract scenarios (a)–(o), described once: the letter, the stable id results and reports
 * use, the generated test method, the display name, the group, the fix the gate suggests when a
 * result carries none, and the brokers the scenario runs on. Where Kafka redelivers differently
 * from AMQP, the letter has one constant per broker (e.g. (b) {@link #LOST_ACK} on AMQP, {@link
 * #COMMIT_LOST} on Kafka); {@link #on(Transport)} lists one broker's scenarios in letter order. The runtime ({@code dev.eventcontracts.junit.Scenario}), the test
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
                    + " repeats.",
            Transport.BOTH),
    LOST_ACK(
            "b",
            "lost-ack",
            "lostAck",
            "redelivered after a lost ack: same effects as one delivery",
            Group.IDEMPOTENCY,
            "Make the handler idempotent: a message whose ack was lost is redelivered with redelivered=true after"
                    + " its effects happened.",
            Transport.AMQP_ONLY),
    COMMIT_LOST(
            "b",
            "commit-lost",
            "commitLost",
            "processed, offset commit lost, redelivered after the rebalance: same effects as once",
            Group.IDEMPOTENCY,
            "Make the handler idempotent: a record processed just before a crash is processed again by the"
                    + " instance that takes over its partition, because its offset was never committed.",
            Transport.KAFKA_ONLY),
    OUT_OF_ORDER_REDELIVERY(
            "c",
            "out-of-order-redelivery",
            "outOfOrderRedelivery",
            "redelivered after later messages: same effects as in order",
            Group.IDEMPOTENCY,
            "Do not assume order: deduplicate by idempotency key rather than by comparing with the last message"
                    + " seen.",
            Transport.AMQP_ONLY),
    REBALANCE_MID_BATCH(
            "c",
            "rebalance-mid-batch",
            "rebalanceMidBatch",
            "rebalance mid-batch: uncommitted records redelivered to the new owner, same effects",
            Group.IDEMPOTENCY,
            "Make the handler idempotent across instances: when partitions move in a rebalance, the records"
                    + " processed but not yet committed are delivered again to the instance that receives them.",
            Transport.KAFKA_ONLY),
    BATCH_REPLAY(
            "d",
            "batch-replay",
            "batchReplay",
            "batch replayed after a restart: same effects as one delivery",
            Group.IDEMPOTENCY,
            "Keep the record of processed messages in the durable state the fixture plays, not in consumer fields.",
            Transport.AMQP_ONLY),
    OFFSET_REPLAY(
            "d",
            "offset-replay",
            "offsetReplay",
            "replayed from an earlier offset after a restart: same effects as once",
            Group.IDEMPOTENCY,
            "Keep the record of processed events in durable state, not in consumer fields: resetting a group's"
                    + " offsets replays records a restarted instance has already processed.",
            Transport.KAFKA_ONLY),
    REPUBLISHED_NEW_MESSAGE_ID(
            "e",
            "republished-new-message-id",
            "republishedWithNewMessageId",
            "same event republished with a new message id: same effects as one delivery",
            Group.IDEMPOTENCY,
            "Deduplicate on the business idempotency key (@EventConsumer(idempotencyKey = ...)), not on the AMQP"
                    + " message id.",
            Transport.AMQP_ONLY),
    NEW_KEY_AND_HEADERS(
            "e",
            "new-key-and-headers",
            "newKeyAndHeaders",
            "same event produced again with a new key and headers: same effects as once",
            Group.IDEMPOTENCY,
            "Deduplicate on the business idempotency key in the payload (@EventConsumer(idempotencyKey = ...)),"
                    + " not on the record key, headers or offset.",
            Transport.KAFKA_ONLY),
    CONCURRENT_INSTANCES(
            "f",
            "concurrent-instances",
            "concurrentInstances",
            "two instances receive the same message at once: same effects as one",
            Group.IDEMPOTENCY,
            "Make the check-and-record of the idempotency key atomic (unique constraint or compare-and-set).",
            Transport.AMQP_ONLY),
    GROUP_REBALANCE(
            "f",
            "group-rebalance",
            "groupRebalance",
            "two instances of one group handle a record across a rebalance: same effects as one",
            Group.IDEMPOTENCY,
            "Make the check-and-record of the idempotency key atomic (unique constraint or compare-and-set): an"
                    + " instance that overran max.poll.interval.ms still finishes the record its successor handles.",
            Transport.KAFKA_ONLY),
    UNDECODABLE_BYTES(
            "g",
            "undecodable-bytes",
            "undecodableBytes",
            "undecodable bytes: dead-lettered on the first delivery",
            Group.DEAD_LETTER,
            "Reject undecodable messages without requeue and declare a dead-letter queue"
                    + " (@EventConsumer(deadLetterQueue = ...)).",
            Transport.BOTH),
    WRONG_SCHEMA(
            "h",
            "wrong-schema",
            "wrongSchema",
            "payload of the wrong schema: dead-lettered on the first delivery",
            Group.DEAD_LETTER,
            "Reject payloads of the wrong schema without requeue so they reach the dead-letter queue.",
            Transport.BOTH),
    NON_RETRYABLE(
            "i",
            "non-retryable",
            "nonRetryable",
            "non-retryable failure: dead-lettered after one attempt",
            Group.DEAD_LETTER,
            "List the exception in @EventConsumer(nonRetryable = ...) and reject it without requeue.",
            Transport.BOTH),
    RETRIES_EXHAUSTED(
            "j",
            "retries-exhausted",
            "retriesExhausted",
            "failure that persists: dead-lettered after exactly maxAttempts",
            Group.DEAD_LETTER,
            "Count attempts (x-death or a retry header) and dead-letter after exactly maxAttempts.",
            Transport.BOTH),
    TRANSIENT_RECOVERS(
            "k",
            "transient-recovers",
            "transientRecovers",
            "failure that recovers: processed once, not dead-lettered",
            Group.DEAD_LETTER,
            "Retry transient failures and make sure a recovered message is processed once and not dead-lettered.",
            Transport.BOTH),
    NO_HEAD_OF_LINE_BLOCKING(
            "l",
            "no-head-of-line-blocking",
            "noHeadOfLineBlocking",
            "messages behind a poison message are still processed",
            Group.DEAD_LETTER,
            "Do not requeue poison messages at the head of the queue: dead-letter them so later messages proceed.",
            Transport.BOTH),
    CONSERVATION(
            "m",
            "conservation",
            "conservation",
            "every message processed or dead-lettered, none lost, none both",
            Group.DEAD_LETTER,
            "Every message must be either processed or dead-lettered: do not ack failed messages and do not drop"
                    + " them.",
            Transport.BOTH),
    SCHEMA_EVOLUTION(
            "n",
            "schema-evolution",
            "schemaEvolution",
            "reads messages written with every writer schema version",
            Group.SCHEMA,
            "Read with the consumer's schema as reader schema and resolve against the writer version; add defaults"
                    + " for new fields.",
            Transport.BOTH),
    KEY_ORDERING(
            "o",
            "key-ordering",
            "keyOrdering",
            "records with the same key are applied in order, also across a retry",
            Group.ORDERING,
            "Retry in place (a blocking retry) for consumers that declare orderedBy: retry topics and"
                    + " retry-later queues let later records of the same key overtake the failed one.",
            Transport.KAFKA_ONLY);

    /** What a scenario checks. */
    public enum Group {
        /** (a)–(f): effects under redelivery equal one delivery. */
        IDEMPOTENCY,
        /** (g)–(m): failing messages reach the dead-letter queue, nothing is lost. */
        DEAD_LETTER,
        /** (n): every writer version is read. */
        SCHEMA,
        /** (o): records of one key are applied in order (Kafka). */
        ORDERING
    }

    /** The brokers a scenario runs on. */
    public enum Transport {
        /** AMQP 0-9-1: the harness broker or RabbitMQ. */
        AMQP,
        /** Kafka: the embedded KRaft broker or an external cluster. */
        KAFKA;

        static final Set<Transport> BOTH = EnumSet.allOf(Transport.class);
        static final Set<Transport> AMQP_ONLY = EnumSet.of(AMQP);
        static final Set<Transport> KAFKA_ONLY = EnumSet.of(KAFKA);
    }

    private final String letter;
    private final String id;
    private final String testMethod;
    private final String displayName;
    private final Group group;
    private final String defaultFix;
    private final Set<Transport> transports;

    ContractScenario(
            String letter,
            String id,
            String testMethod,
            String displayName,
            Group group,
            String defaultFix,
            Set<Transport> transports) {
        this.transports = transports;
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

    /** True when the scenario runs on {@code transport}. */
    public boolean runsOn(Transport transport) {
        return transports.contains(transport);
    }

    /** The scenarios of {@code transport}, in letter order. */
    public static List<ContractScenario> on(Transport transport) {
        return Arrays.stream(values()).filter(s -> s.runsOn(transport)).toList();
    }

    /** The scenario with this id, if it is one. */
    public static Optional<ContractScenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
