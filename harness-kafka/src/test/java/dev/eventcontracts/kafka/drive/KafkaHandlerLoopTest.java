package dev.eventcontracts.kafka.drive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.eventcontracts.kafka.EmbeddedKafka;
import dev.eventcontracts.kafka.RunTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class KafkaHandlerLoopTest {

    private static EmbeddedKafka kafka;
    private RunTopics topics;
    private String topic;
    private String deadLetters;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startDefault();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @BeforeEach
    void createTopics() {
        topics = kafka.runTopics(RunTopics.newRunId());
        topic = topics.create("orders", 1);
        deadLetters = topics.create("orders.dlt", 1);
    }

    @AfterEach
    void deleteTopics() {
        topics.close();
    }

    private void produce(String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "order-1", value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), UTF_8);
    }

    private long committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLettered(int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(deadLetters, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Test
    void poisonAndFlakyRecords_areDeadLetteredOrRetried_andTheRecordsBehindThemProcessed() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        RecordHandler handler = (record, attempt) -> {
            int call = calls.computeIfAbsent(value(record), k -> new AtomicInteger())
                    .incrementAndGet();
            if (value(record).equals("poison")) {
                throw new IllegalArgumentException("unreadable order");
            }
            if (value(record).equals("flaky") && call < 3) {
                throw new IllegalStateException("stock service busy");
            }
        };
        DeliveryPolicy policy = new DeliveryPolicy(3, List.of(IllegalArgumentException.class), deadLetters);
        produce("ok-1", "poison", "flaky", "ok-2");

        List<Delivery> settled;
        try (KafkaHandlerLoop loop =
                KafkaHandlerLoop.start(kafka.bootstrapServers(), topic, "inventory", handler, policy)) {
            settled = loop.awaitSettled(4, Duration.ofSeconds(60));
        }

        assertThat(settled)
                .extracting(Delivery::offset, Delivery::attempts, Delivery::fate)
                .containsExactly(
                        tuple(0L, 1, Delivery.Fate.PROCESSED),
                        tuple(1L, 1, Delivery.Fate.DEAD_LETTERED),
                        tuple(2L, 3, Delivery.Fate.PROCESSED),
                        tuple(3L, 1, Delivery.Fate.PROCESSED));
        assertThat(committed("inventory")).isEqualTo(4);
        assertThat(deadLettered(1)).singleElement().satisfies(dead -> {
            assertThat(value(dead)).isEqualTo("poison");
            assertThat(new String(dead.key(), UTF_8)).isEqualTo("order-1");
            assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
                    .isEqualTo(topic);
            assertThat(DeadLetterHeaders.originalPartition(dead.headers())).isZero();
            assertThat(DeadLetterHeaders.originalOffset(dead.headers())).isEqualTo(1);
            assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.EXCEPTION_FQCN))
                    .isEqualTo(IllegalArgumentException.class.getName());
            assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
                    .isEqualTo("unreadable order");
        });
    }

    @Test
    void retriesExhaustedWithoutADeadLetterTopic_skipsTheRecordAndSaysSo() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordHandler handler = (record, attempt) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("always down");
        };
        produce("doomed");

        List<Delivery> settled;
        try (KafkaHandlerLoop loop = KafkaHandlerLoop.start(
                kafka.bootstrapServers(), topic, "shipping", handler, new DeliveryPolicy(3, List.of(), null))) {
            settled = loop.awaitSettled(1, Duration.ofSeconds(60));
        }

        assertThat(settled).singleElement().satisfies(d -> {
            assertThat(d.fate()).isEqualTo(Delivery.Fate.SKIPPED);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.failure()).isEqualTo("java.lang.IllegalStateException: always down");
        });
        assertThat(calls).hasValue(3);
        assertThat(committed("shipping")).isEqualTo(1);
    }

    /** A process crash right after the handler ran, before the offset was committed. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void crashAfterProcessingBeforeTheCommit_redeliversTheRecordToTheNextInstance() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        produce("order-placed");

        try (KafkaHandlerLoop first = KafkaHandlerLoop.start(
                kafka.bootstrapServers(),
                topic,
                "analytics",
                (record, attempt) -> {
                    calls.incrementAndGet();
                    throw new Crash();
                },
                new DeliveryPolicy(1, List.of(), null))) {
            assertThatThrownBy(() -> first.awaitSettled(1, Duration.ofSeconds(60)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("died")
                    .hasCauseInstanceOf(Crash.class);
        }
        assertThat(committed("analytics")).isEqualTo(-1);

        try (KafkaHandlerLoop second = KafkaHandlerLoop.start(
                kafka.bootstrapServers(),
                topic,
                "analytics",
                (record, attempt) -> calls.incrementAndGet(),
                new DeliveryPolicy(1, List.of(), null))) {
            assertThat(second.awaitSettled(1, Duration.ofSeconds(60)))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.offset()).isZero();
                        assertThat(d.fate()).isEqualTo(Delivery.Fate.PROCESSED);
                    });
        }
        assertThat(calls)
                .as("processed twice: once before the crash, once redelivered")
                .hasValue(2);
        assertThat(committed("analytics")).isEqualTo(1);
    }

    @Test
    void commitActionCrash_stopsAfterTheHandler_withoutCommitting_andHoldLeavesTheOffsetForTheNextOwner()
            throws Exception {
        produce("order-1");
        produce("order-2");

        try (KafkaHandlerLoop crashing = KafkaHandlerLoop.builder(
                        kafka.bootstrapServers(),
                        topic,
                        "billing",
                        (record, attempt) -> {},
                        new DeliveryPolicy(1, List.of(), null))
                .commits(d -> CommitAction.CRASH)
                .start()) {
            assertThat(crashing.awaitSettled(1, Duration.ofSeconds(60))).hasSize(1);
            assertThat(crashing.awaitStopped(Duration.ofSeconds(30))).isTrue();
            assertThat(crashing.crashed()).isTrue();
        }
        assertThat(committed("billing")).as("nothing committed by the crash").isEqualTo(-1);

        try (KafkaHandlerLoop holding = KafkaHandlerLoop.builder(
                        kafka.bootstrapServers(),
                        topic,
                        "billing",
                        (record, attempt) -> {},
                        new DeliveryPolicy(1, List.of(), null))
                .commits(d -> CommitAction.HOLD)
                .start()) {
            assertThat(holding.awaitSettled(2, Duration.ofSeconds(60)))
                    .extracting(Delivery::offset)
                    .containsExactly(0L, 1L);
        }
        assertThat(committed("billing"))
                .as("held: the batch's commit never happened")
                .isEqualTo(-1);
    }

    @Test
    void policy_maxAttemptsBelowOne_isRejectedWithTheFix() {
        assertThatThrownBy(() -> new DeliveryPolicy(0, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts 0")
                .hasMessageContaining("use 1 for no retries");
    }
}
