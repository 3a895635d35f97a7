package dev.eventcontracts.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.kafka.EmbeddedKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * How the observer reads the origin of a copy Spring Kafka made of a failed record: the headers of
 * a {@code DeadLetterPublishingRecoverer} and of the {@code @RetryableTopic} path, as Spring Kafka
 * 4.0 writes them (docs/kafka.md §5.3).
 */
class TopicObserverTest {

    private static TopicObserver.Seen copy(
            String prefix, String exceptionHeader, String topic, int partition, long offset) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(prefix + "topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.put(
                prefix + "partition",
                ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.put(
                prefix + "offset",
                ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        if (exceptionHeader != null) {
            headers.put(
                    exceptionHeader,
                    "org.springframework.kafka.support.serializer.DeserializationException"
                            .getBytes(StandardCharsets.UTF_8));
        }
        return new TopicObserver.Seen(0, "orders-dlt", 0, 0, "k", new byte[0], headers);
    }

    @Test
    void deadLetterPublishingRecovererHeaders_nameTheOriginalRecord() {
        TopicObserver.Seen dlt = copy("kafka_dlt-original-", "kafka_dlt-exception-fqcn", "orders", 0, 7);

        assertThat(dlt.origin()).isEqualTo(OriginHeaders.DEAD_LETTER);
        assertThat(dlt.isCopy()).isTrue();
        assertThat(dlt.isCopyOf("other-sample", "orders", 0, 7)).isTrue();
        assertThat(dlt.origin().problems(dlt, "orders", 0, 7)).isEmpty();
    }

    @Test
    void retryTopicHeaders_nameTheOriginalRecord() {
        TopicObserver.Seen dlt = copy("kafka_original-", "kafka_exception-fqcn", "orders", 0, 7);

        assertThat(dlt.origin()).isEqualTo(OriginHeaders.RETRY_TOPIC);
        assertThat(dlt.isCopy()).isTrue();
        assertThat(dlt.isCopyOf("other-sample", "orders", 0, 7)).isTrue();
        assertThat(dlt.origin().problems(dlt, "orders", 0, 7)).isEmpty();
    }

    @Test
    void retryTopicHeaders_ofAnotherRecordOrWithoutException_areProblems() {
        TopicObserver.Seen dlt = copy("kafka_original-", null, "orders-retry", 0, 3);

        assertThat(dlt.isCopyOf("other-sample", "orders", 0, 7)).isFalse();
        assertThat(dlt.origin().problems(dlt, "orders", 0, 7))
                .containsExactly(
                        "kafka_original-topic is 'orders-retry', not 'orders'",
                        "kafka_original-offset does not hold 7",
                        "kafka_exception-fqcn is missing");
    }

    @Test
    void recordWithoutOriginHeaders_isNoCopy() {
        TopicObserver.Seen record = new TopicObserver.Seen(
                0, "orders-dlt", 0, 0, "k", new byte[0], Map.of("kafka_exception-fqcn", new byte[] {'x'}));

        assertThat(record.origin()).isNull();
        assertThat(record.isCopy()).isFalse();
        assertThat(record.isCopyOf("other-sample", "orders", 0, 0)).isFalse();
    }

    @Test
    void awaitRead_afterADeadLetterInATopicCreatedJustNow_hasSeenIt() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startDefault();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                TopicObserver observer = new TopicObserver(kafka.bootstrapServers(), admin);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            String topic = "orders-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>(topic, new byte[] {0})).get(10, TimeUnit.SECONDS);
            assertThat(observer.awaitSettled(Duration.ofSeconds(10))).isTrue();
            int mark = observer.mark();
            // as a recoverer does: the first dead letter creates its topic (auto-created by the producer)
            String dlt = topic + "-dlt";
            ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(dlt, new byte[] {1});
            deadLetter.headers().add(TopicObserver.SAMPLE_HEADER, "sample-1".getBytes(StandardCharsets.UTF_8));
            producer.send(deadLetter).get(10, TimeUnit.SECONDS);

            assertThat(observer.awaitRead(Duration.ofSeconds(10))).isEmpty();

            assertThat(observer.since(mark))
                    .anySatisfy(s -> assertThat(s.topic() + " " + s.sampleId()).isEqualTo(dlt + " sample-1"));
        }
    }
}
