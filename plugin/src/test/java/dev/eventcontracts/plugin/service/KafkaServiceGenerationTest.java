package dev.eventcontracts.plugin.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.plugin.consumers.GenerateConfig;
import dev.eventcontracts.plugin.consumers.GenerateOutcome;
import dev.eventcontracts.registry.gateway.SchemaRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServiceGenerationTest {

    @TempDir
    Path project;

    private void write(String path, String text) throws IOException {
        Path file = project.resolve("src/main/java").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private GenerateConfig config() {
        return new GenerateConfig(project, project.resolve("target"), null, null, null, null, null, null, null);
    }

    private void kafkaService() throws IOException {
        write("com/example/shipping/ShippingApplication.java", """
                package com.example.shipping;
                import org.springframework.boot.autoconfigure.SpringBootApplication;
                @SpringBootApplication
                public class ShippingApplication {}
                """);
        write("com/example/shipping/listen/ShipmentListener.java", """
                package com.example.shipping.listen;
                import org.springframework.kafka.annotation.KafkaListener;
                import dev.eventcontracts.annotations.EventConsumer;
                class ShipmentListener {
                    @KafkaListener(topics = {"orders.placed", "other"}, groupId = "shipping")
                    @EventConsumer(topic = "orders.placed", deadLetterTopic = "orders.placed-dlt", orderedBy = "orderId")
                    void onOrder(OrderPlaced event) {}
                }
                """);
    }

    @Test
    void kafkaListenerInSpringBootService_getsKafkaServiceTest_andStartsKafka() throws IOException {
        kafkaService();

        GenerateOutcome outcome = ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        Path test = project.resolve(
                "target/generated-test-sources/event-contracts/com/example/shipping/listen/ShipmentListenerKafkaContractIT.java");
        try (var in = getClass().getResourceAsStream("/golden-service/ShipmentListenerKafkaContractIT.java")) {
            assertThat(Files.readString(test)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(Files.readAllLines(project.resolve("target/event-contracts/kafka-consumers.txt")))
                .containsExactly("com.example.shipping.listen.ShipmentListener#onOrder");
        assertThat(outcome.summaryLine()).contains("1 listener found, 1 contract test");
        assertThat(String.join("\n", outcome.consumerLines()))
                .contains("@KafkaListener, topic 'orders.placed', Kafka service mode");
    }

    @Test
    void listenerRemoved_deletesItsKafkaTest_andTheKafkaConsumersFile() throws IOException {
        kafkaService();
        ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());
        Files.delete(project.resolve("src/main/java/com/example/shipping/listen/ShipmentListener.java"));

        GenerateOutcome outcome = ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        assertThat(
                        project.resolve(
                                "target/generated-test-sources/event-contracts/com/example/shipping/listen/ShipmentListenerKafkaContractIT.java"))
                .doesNotExist();
        assertThat(project.resolve("target/event-contracts/kafka-consumers.txt"))
                .doesNotExist();
        assertThat(outcome.summaryLine()).contains("1 deleted");
    }

    private static final String PARCEL_V1 = """
            {"type":"record","name":"ParcelWeighed","namespace":"com.example.shipping",
             "fields":[{"name":"parcelId","type":"string"}]}
            """;
    private static final String PARCEL_V2 = """
            {"type":"record","name":"ParcelWeighed","namespace":"com.example.shipping",
             "fields":[{"name":"parcelId","type":"string"},{"name":"grams","type":"int","default":0}]}
            """;

    @Test
    void avroListenerWithRegisteredVersions_passesTheOlderOnesToTheContract() throws IOException {
        kafkaService();
        write("com/example/shipping/listen/WeighingListener.java", """
                package com.example.shipping.listen;
                import org.apache.kafka.clients.consumer.ConsumerRecord;
                import org.springframework.kafka.annotation.KafkaListener;
                import com.example.shipping.ParcelWeighed;
                class WeighingListener {
                    @KafkaListener(topics = "parcels.weighed")
                    void onWeighed(ConsumerRecord<String, ParcelWeighed> record) {}
                }
                """);
        Path avsc = project.resolve("src/main/avro/parcel-weighed.avsc");
        Files.createDirectories(avsc.getParent());
        Files.writeString(avsc, PARCEL_V2);
        try (SchemaRegistry registry = SchemaRegistry.fileStore(project.resolve("src/main/registry"))) {
            registry.register("com.example.shipping.ParcelWeighed", new Schema.Parser().parse(PARCEL_V1));
            registry.register("com.example.shipping.ParcelWeighed", new Schema.Parser().parse(PARCEL_V2));
        }

        ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        String test = Files.readString(
                project.resolve(
                        "target/generated-test-sources/event-contracts/com/example/shipping/listen/WeighingListenerKafkaContractIT.java"));
        assertThat(test)
                .contains("builder.previousWriterSchemaFile("
                        + "\"target/event-contracts/writers/com.example.shipping.ParcelWeighed.v1.avsc\");")
                .doesNotContain("ParcelWeighed.v2.avsc");
        assertThat(new Schema.Parser()
                        .parse(project.resolve(
                                        "target/event-contracts/writers/com.example.shipping.ParcelWeighed.v1.avsc")
                                .toFile())
                        .getFields())
                .hasSize(1);
        try (var in = getClass().getResourceAsStream("/golden-service/ShipmentListenerKafkaContractIT.java")) {
            assertThat(
                            Files.readString(
                                    project.resolve(
                                            "target/generated-test-sources/event-contracts/com/example/shipping/listen/ShipmentListenerKafkaContractIT.java")))
                    .as("a JSON listener's test is unchanged")
                    .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
