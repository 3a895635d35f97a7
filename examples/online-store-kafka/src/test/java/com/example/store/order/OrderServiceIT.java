package com.example.store.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.store.Orders;
import com.example.store.events.AvroMessages;
import com.example.store.events.KafkaEventPublisher;
import com.example.store.events.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The order service producing through the Kafka client to a real Kafka broker: the embedded KRaft
 * broker the plugin's {@code start} goal started (or any cluster named by {@code
 * eventcontracts.kafka.bootstrap}), on a run-unique topic deleted afterwards.
 */
class OrderServiceIT {

    @Test
    void placeOrder_overKafka_isOneRecordKeyedByOrderId_withSchemaIdHeader() throws Exception {
        String bootstrap = System.getProperty("eventcontracts.kafka.bootstrap", "");
        Assumptions.assumeTrue(
                !bootstrap.isBlank() && !bootstrap.startsWith("${"),
                "no Kafka: eventcontracts.kafka.bootstrap is '" + bootstrap + "' (start goal skipped?)");
        String topic = "orders.placed.it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try {
                OrderPlaced placed;
                try (KafkaEventPublisher publisher = new KafkaEventPublisher(bootstrap)) {
                    placed = new OrderService(publisher, topic, Orders.CLOCK, () -> "o-it").placeOrder(Orders.checkout());
                }

                ConsumerRecord<String, byte[]> record = awaitRecord(bootstrap, topic, Duration.ofSeconds(15));
                assertThat(record.key()).isEqualTo("o-it");
                assertThat(new String(record.headers().lastHeader(AvroMessages.SCHEMA_ID_HEADER).value(), StandardCharsets.UTF_8))
                        .isEqualTo(Long.toString(AvroMessages.schemaId(OrderPlaced.getClassSchema())));
                assertThat(record.value()).isEqualTo(AvroMessages.encode(placed));
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String bootstrap, String topic, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topic + ".reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(received).as("a record on topic '%s' within %s", topic, timeout).hasSize(1);
            return received.get(0);
        }
    }
}
