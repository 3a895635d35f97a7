package dev.eventcontracts.plugin.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.plugin.consumers.GenerateConfig;
import dev.eventcontracts.plugin.consumers.GenerateOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
