package dev.eventcontracts.plugin.generate;

import java.util.List;

/**
 * The contract scenarios as generated tests call them: the constant of
 * {@code dev.eventcontracts.junit.Scenario}, the test method name and the display name. Kept in
 * step with the runtime's enum ({@code ScenarioTableTest} fails when they drift apart).
 */
final class ScenarioTable {

    record Row(String letter, String constant, String method, String displayName) {}

    static final List<Row> ROWS = List.of(
            new Row("a", "DUPLICATE_DELIVERY", "duplicateDelivery", "delivered twice: same effects as one delivery"),
            new Row("b", "LOST_ACK", "lostAck", "redelivered after a lost ack: same effects as one delivery"),
            new Row(
                    "c",
                    "OUT_OF_ORDER_REDELIVERY",
                    "outOfOrderRedelivery",
                    "redelivered after later messages: same effects as in order"),
            new Row("d", "BATCH_REPLAY", "batchReplay", "batch replayed after a restart: same effects as one delivery"),
            new Row(
                    "e",
                    "REPUBLISHED_NEW_MESSAGE_ID",
                    "republishedWithNewMessageId",
                    "same event republished with a new message id: same effects as one delivery"),
            new Row(
                    "f",
                    "CONCURRENT_INSTANCES",
                    "concurrentInstances",
                    "two instances receive the same message at once: same effects as one"),
            new Row(
                    "g",
                    "UNDECODABLE_BYTES",
                    "undecodableBytes",
                    "undecodable bytes: dead-lettered on the first delivery"),
            new Row(
                    "h",
                    "WRONG_SCHEMA",
                    "wrongSchema",
                    "payload of the wrong schema: dead-lettered on the first delivery"),
            new Row("i", "NON_RETRYABLE", "nonRetryable", "non-retryable failure: dead-lettered after one attempt"),
            new Row(
                    "j",
                    "RETRIES_EXHAUSTED",
                    "retriesExhausted",
                    "failure that persists: dead-lettered after exactly maxAttempts"),
            new Row(
                    "k",
                    "TRANSIENT_RECOVERS",
                    "transientRecovers",
                    "failure that recovers: processed once, not dead-lettered"),
            new Row(
                    "l",
                    "NO_HEAD_OF_LINE_BLOCKING",
                    "noHeadOfLineBlocking",
                    "messages behind a poison message are still processed"),
            new Row(
                    "m",
                    "CONSERVATION",
                    "conservation",
                    "every message processed or dead-lettered, none lost, none both"),
            new Row(
                    "n",
                    "SCHEMA_EVOLUTION",
                    "schemaEvolution",
                    "reads messages written with every writer schema version"));

    private ScenarioTable() {}
}
