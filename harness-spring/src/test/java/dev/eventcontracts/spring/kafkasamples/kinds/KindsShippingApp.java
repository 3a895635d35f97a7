package dev.eventcontracts.spring.kafkasamples.kinds;

import dev.eventcontracts.spring.kafkasamples.OrderPlaced;
import dev.eventcontracts.spring.kafkasamples.SampleKafka;
import dev.eventcontracts.spring.kafkasamples.ShipmentListener;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.messaging.Message;

/**
 * Right, with the listener parameter kinds Kafka service mode reads: {@code ConsumerRecord<K, V>},
 * spring-messaging {@code Message<V>}, a raw {@code String} the listener parses itself (good
 * samples from its fixture) and a raw {@code byte[]} (no fixture).
 */
@SpringBootApplication
@PropertySource("classpath:kafkasamples/guarded.properties")
public class KindsShippingApp {

    @Bean
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> factory) {
        return SampleKafka.template(factory);
    }

    @Bean
    CommonErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
        DefaultErrorHandler handler = SampleKafka.deadLettering(template);
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }

    @Bean
    RecordOrderListener recordListener(
            KafkaTemplate<Object, Object> template, @Value("${spring.kafka.bootstrap-servers}") String cluster) {
        return new RecordOrderListener(new ShipmentListener(template, cluster + "/kinds.record", true));
    }

    @Bean
    MessageOrderListener messageListener(
            KafkaTemplate<Object, Object> template, @Value("${spring.kafka.bootstrap-servers}") String cluster) {
        return new MessageOrderListener(new ShipmentListener(template, cluster + "/kinds.message", true));
    }

    @Bean
    TextOrderListener textListener(
            KafkaTemplate<Object, Object> template, @Value("${spring.kafka.bootstrap-servers}") String cluster) {
        return new TextOrderListener(new ShipmentListener(template, cluster + "/kinds.text", true));
    }

    @Bean
    BytesOrderListener bytesListener(
            KafkaTemplate<Object, Object> template, @Value("${spring.kafka.bootstrap-servers}") String cluster) {
        return new BytesOrderListener(new ShipmentListener(template, cluster + "/kinds.bytes", true));
    }

    /** Takes the whole record. */
    public static class RecordOrderListener {
        private final ShipmentListener shipments;

        RecordOrderListener(ShipmentListener shipments) {
            this.shipments = shipments;
        }

        @KafkaListener(topics = "orders.kinds.record", groupId = "orders.kinds.record.shipping")
        public void onOrder(ConsumerRecord<String, OrderPlaced> record) {
            shipments.ship(record.value());
        }
    }

    /** Takes a spring-messaging message. */
    public static class MessageOrderListener {
        private final ShipmentListener shipments;

        MessageOrderListener(ShipmentListener shipments) {
            this.shipments = shipments;
        }

        @KafkaListener(topics = "orders.kinds.message", groupId = "orders.kinds.message.shipping")
        public void onOrder(Message<OrderPlaced> message) {
            shipments.ship(message.getPayload());
        }
    }

    /** Parses {@code orderId,sku,quantity} itself. */
    public static class TextOrderListener {
        private final ShipmentListener shipments;

        TextOrderListener(ShipmentListener shipments) {
            this.shipments = shipments;
        }

        @KafkaListener(
                topics = "orders.kinds.text",
                groupId = "orders.kinds.text.shipping",
                properties = "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer")
        public void onOrder(String text) {
            String[] parts = text.split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not an order: " + text);
            }
            shipments.ship(new OrderPlaced(parts[0], parts[1], Integer.parseInt(parts[2].trim())));
        }
    }

    /** Reads bytes it would decode itself; its service gives no samples. */
    public static class BytesOrderListener {
        private final ShipmentListener shipments;

        BytesOrderListener(ShipmentListener shipments) {
            this.shipments = shipments;
        }

        @KafkaListener(
                topics = "orders.kinds.bytes",
                groupId = "orders.kinds.bytes.shipping",
                properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
        public void onOrder(byte[] value) {
            shipments.ship(new OrderPlaced(new String(value, java.nio.charset.StandardCharsets.UTF_8), "sku", 1));
        }
    }

    /** Good texts for {@link TextOrderListener}, one new order each. */
    static java.util.List<String> texts() {
        return IntStream.rangeClosed(1, 16)
                .mapToObj(i -> "order-text-" + i + ",sku-" + i + "," + i)
                .toList();
    }
}
