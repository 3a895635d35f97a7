package dev.eventcontracts.plugin.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handler shapes services write with Spring AMQP: stacked annotations, queue arguments, framework parameters. */
class HandlerShapesDiscoveryTest {

    private static final String SCHEMA = """
            {"type": "record", "name": "OrderPlaced", "namespace": "com.example",
             "fields": [{"name": "orderId", "type": "string"}]}
            """;

    @TempDir
    Path root;

    private DiscoveryResult discover(String className, String source) throws IOException {
        Path main = root.resolve("main/java/com/example");
        Files.createDirectories(main);
        Files.writeString(main.resolve(className + ".java"), source);
        Files.createDirectories(root.resolve("avro"));
        Files.writeString(root.resolve("avro/order-placed.avsc"), SCHEMA);
        return new ConsumerDiscovery()
                .discover(new DiscoveryRequest(
                        List.of(root.resolve("main/java")), List.of(), List.of(), List.of(root.resolve("avro"))));
    }

    @Test
    void eventConsumerWithTopic_isAKafkaConsumer_withDeadLetterTopicAndOrder() throws IOException {
        DiscoveryResult result = discover("OrdersListener", """
                package com.example;
                import dev.eventcontracts.annotations.EventConsumer;
                public class OrdersListener {
                    @EventConsumer(topic = "orders.placed", deadLetterTopic = "orders.placed.DLT",
                                   maxAttempts = 4, idempotencyKey = "orderId", orderedBy = "orderId")
                    public void on(OrderPlaced order) {}
                }
                """);

        assertThat(result.consumers()).singleElement().satisfies(c -> {
            assertThat(c.kafka()).isTrue();
            assertThat(c.queue()).isEqualTo("orders.placed");
            assertThat(c.deadLetterQueue()).isEqualTo("orders.placed.DLT");
            assertThat(c.maxAttempts()).isEqualTo(4);
            assertThat(c.orderedBy()).isEqualTo("orderId");
        });
        assertThat(result.findings()).noneMatch(f -> f.code().equals("no-dead-letter-queue"));
    }

    @Test
    void wireFormatOnAnAmqpEventConsumer_isReportedAsIgnored_notDroppedSilently() throws IOException {
        DiscoveryResult result = discover("QueueListener", """
                package com.example;
                import dev.eventcontracts.annotations.EventConsumer;
                import dev.eventcontracts.annotations.WireFormat;
                public class QueueListener {
                    @EventConsumer(queue = "orders", wireFormat = WireFormat.CONFLUENT)
                    public void on(OrderPlaced order) {}
                }
                """);

        assertThat(result.consumers())
                .singleElement()
                .satisfies(c -> assertThat(c.kafka()).isFalse());
        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("wire-format-ignored"))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("QueueListener")
                        .contains("WireFormat.CONFLUENT")
                        .contains("AMQP queue 'orders'")
                        .contains("topic = \"...\""));
    }

    @Test
    void eventConsumerWithConfluentWireFormat_isRead_andTheGeneratedTestDeclaresIt() throws IOException {
        DiscoveryResult result = discover("ConfluentListener", """
                package com.example;
                import dev.eventcontracts.annotations.EventConsumer;
                import dev.eventcontracts.annotations.WireFormat;
                public class ConfluentListener {
                    @EventConsumer(topic = "orders.placed", deadLetterTopic = "orders.placed.DLT",
                                   wireFormat = WireFormat.CONFLUENT)
                    public void on(OrderPlaced order) {}
                }
                """);

        assertThat(result.consumers()).singleElement().satisfies(c -> {
            assertThat(c.kafka()).isTrue();
            assertThat(c.wireFormat()).isEqualTo("CONFLUENT");
        });
        Path out = root.resolve("generated");
        new dev.eventcontracts.plugin.generate.ContractTestGenerator(root).generate(result.consumers(), out);
        assertThat(out.resolve("com/example/ConfluentListenerContractIT.java"))
                .content()
                .contains("builder.topic(\"orders.placed\");")
                .contains("builder.wireFormat(dev.eventcontracts.annotations.WireFormat.CONFLUENT);");
    }

    @Test
    void kafkaConsumerTakingConsumerRecordHeadersOrTheHeadersMap_isAccepted_butNotAnAmqpEnvelope() throws IOException {
        DiscoveryResult result = discover("RecordReader", """
                package com.example;
                import com.rabbitmq.client.Envelope;
                import dev.eventcontracts.annotations.EventConsumer;
                import java.util.Map;
                import org.apache.kafka.clients.consumer.ConsumerRecord;
                import org.apache.kafka.common.header.Headers;
                import org.springframework.kafka.annotation.KafkaListener;
                public class RecordReader {
                    @EventConsumer(topic = "a", deadLetterTopic = "a.DLT")
                    public void withRecord(OrderPlaced order, ConsumerRecord<String, byte[]> record, Headers headers) {}
                    @KafkaListener(topics = "b")
                    public void withMap(OrderPlaced order, Map<String, String> headers) {}
                    @EventConsumer(topic = "c", deadLetterTopic = "c.DLT")
                    public void withEnvelope(OrderPlaced order, Envelope envelope) {}
                }
                """);

        assertThat(result.consumers())
                .extracting(ConsumerModel::handler)
                .containsExactlyInAnyOrder("withRecord", "withMap");
        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("unsupported-parameter"))
                .extracting(Finding::message)
                .containsExactly("RecordReader#withEnvelope: parameter 'envelope' (Envelope) cannot be filled by the"
                        + " plain listener container, which passes the payload, ConsumerRecord, Headers (Kafka's) and"
                        + " the headers Map. No contract test is generated; take the payload first and read headers"
                        + " from ConsumerRecord, Headers or the headers Map.");
    }

    @Test
    void kafkaListenerWithoutDeadLetterTopic_isAKafkaConsumer_andTheFindingNamesATopic() throws IOException {
        DiscoveryResult result = discover("PlainKafka", """
                package com.example;
                import org.springframework.kafka.annotation.KafkaListener;
                public class PlainKafka {
                    @KafkaListener(topics = "orders.placed")
                    public void on(OrderPlaced order) {}
                }
                """);

        assertThat(result.consumers())
                .singleElement()
                .satisfies(c -> assertThat(c.kafka()).isTrue());
        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("no-dead-letter-queue"))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("has no dead-letter topic")
                        .contains("deadLetterTopic = \"orders.placed.DLT\""));
    }

    @Test
    void eventConsumerAndRabbitListenerOnOneMethod_areOneConsumer_eventConsumerWins_disagreementIsAFinding()
            throws IOException {
        DiscoveryResult result = discover("Stacked", """
                package com.example;
                import dev.eventcontracts.annotations.EventConsumer;
                import org.springframework.amqp.rabbit.annotation.RabbitListener;
                public class Stacked {
                    @EventConsumer(queue = "inventory.order-placed", deadLetterQueue = "inventory.dlq")
                    @RabbitListener(queues = "inventory.orders")
                    public void on(OrderPlaced order) {}
                }
                """);

        assertThat(result.consumers()).singleElement().satisfies(c -> {
            assertThat(c.annotation()).isEqualTo("EventConsumer");
            assertThat(c.queue()).isEqualTo("inventory.order-placed");
        });
        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("queue-mismatch"))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .isEqualTo("Stacked#on: @RabbitListener reads 'inventory.orders' but @EventConsumer declares"
                                + " 'inventory.order-placed'; the contract test uses 'inventory.order-placed'. Make"
                                + " them name the same queue."));
    }

    @Test
    void queueArgumentsWithDeadLetterRoutingKey_areReadAsTheDeadLetterQueue() throws IOException {
        DiscoveryResult result = discover("WithArguments", """
                package com.example;
                import org.springframework.amqp.rabbit.annotation.*;
                public class WithArguments {
                    @RabbitListener(bindings = @QueueBinding(
                            value = @Queue(value = "billing.order-placed", arguments = {
                                    @Argument(name = "x-dead-letter-exchange", value = ""),
                                    @Argument(name = "x-dead-letter-routing-key", value = "billing.order-placed.dlq")}),
                            exchange = @Exchange("orders"), key = "order.placed"))
                    public void on(OrderPlaced order) {}
                }
                """);

        assertThat(result.consumers()).singleElement().satisfies(c -> {
            assertThat(c.queue()).isEqualTo("billing.order-placed");
            assertThat(c.deadLetterQueue()).isEqualTo("billing.order-placed.dlq");
        });
        assertThat(result.findings()).noneMatch(f -> f.code().equals("no-dead-letter-queue"));
    }

    @Test
    void springMessageChannelOrSingleHeaderParameters_areRefusedWithAFinding_notGeneratedToErrorAtRunTime()
            throws IOException {
        DiscoveryResult result = discover("Framework", """
                package com.example;
                import com.rabbitmq.client.Channel;
                import org.springframework.amqp.rabbit.annotation.RabbitListener;
                import org.springframework.messaging.handler.annotation.Header;
                import org.springframework.messaging.handler.annotation.Payload;
                import java.util.Map;
                public class Framework {
                    @RabbitListener(queues = "a")
                    public void withChannel(OrderPlaced order, Channel channel) {}
                    @RabbitListener(queues = "b")
                    public void withHeader(@Payload OrderPlaced order, @Header("amqp_receivedRoutingKey") String key) {}
                    @RabbitListener(queues = "c")
                    public void withHeadersMap(@Payload OrderPlaced order, Map<String, Object> headers) {}
                }
                """);

        assertThat(result.consumers()).extracting(ConsumerModel::handler).containsExactly("withHeadersMap");
        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("unsupported-parameter"))
                .extracting(Finding::message)
                .containsExactlyInAnyOrder(
                        "Framework#withChannel: parameter 'channel' (Channel) cannot be filled by the plain listener"
                                + " container, which passes the payload, AMQP.BasicProperties, Envelope and the"
                                + " headers Map. No contract test is generated; take the payload first and read"
                                + " headers from the headers Map or AMQP.BasicProperties.",
                        "Framework#withHeader: parameter 'key' (@Header String) cannot be filled by the plain"
                                + " listener container, which passes the payload, AMQP.BasicProperties, Envelope and"
                                + " the headers Map. No contract test is generated; take the payload first and read"
                                + " headers from the headers Map or AMQP.BasicProperties.");
    }

    @Test
    void classLevelRabbitListenerWithRabbitHandlers_findsEachHandlerOnTheClassQueue() throws IOException {
        DiscoveryResult result = discover("ClassLevel", """
                package com.example;
                import org.springframework.amqp.rabbit.annotation.RabbitHandler;
                import org.springframework.amqp.rabbit.annotation.RabbitListener;
                @RabbitListener(queues = "billing.events")
                public class ClassLevel {
                    @RabbitHandler
                    public void onOrder(OrderPlaced order) {}
                    public void helper(OrderPlaced order) {}
                }
                """);

        assertThat(result.consumers()).singleElement().satisfies(c -> {
            assertThat(c.handler()).isEqualTo("onOrder");
            assertThat(c.queue()).isEqualTo("billing.events");
            assertThat(c.annotation()).isEqualTo("RabbitListener");
        });
    }
}
