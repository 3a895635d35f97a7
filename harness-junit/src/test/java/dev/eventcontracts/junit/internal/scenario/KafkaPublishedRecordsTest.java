package dev.eventcontracts.junit.internal.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.samples.KafkaSamples;
import dev.eventcontracts.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * In Kafka plain mode what the consumer publishes through {@code ctx.publisher()} is sent to Kafka,
 * to the run-unique topic of the exchange it names, keyed by the routing key (docs/kafka.md §4.2).
 */
class KafkaPublishedRecordsTest {

    @Test
    void publishedMessages_areRecordsOnTheRunUniqueTopicOfTheExchange_keyedByTheRoutingKey() {
        try (EmbeddedKafka kafka = EmbeddedKafka.startDefault();
                KafkaContractSession session = new KafkaContractSession(
                        KafkaSamples.correct(),
                        kafka,
                        kafka.description(),
                        "embedded-kafka",
                        ContractSession.Options.defaults())) {
            var result = session.run(Scenario.DUPLICATE_DELIVERY);
            assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.PASSED);

            String topic = session.publishedTopic("inventory"); // the consumer publishes to exchange "inventory"
            assertThat(topic).startsWith("inventory.ec-");
            List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka.bootstrapServers(), topic);

            // the baseline (one record) and the scenario (the same record twice, processed once): one publish each
            assertThat(records).hasSize(2).allSatisfy(r -> {
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("stock.reserved");
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"orderId\"");
            });
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            while (reader.position(partition) < end) {
                reader.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
