package dev.eventcontracts.plugin.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.annotations.EventConsumer;
import dev.eventcontracts.plugin.results.KafkaConsumers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate-contract-tests} tells {@code start} which consumers listen on Kafka. */
class KafkaConsumersFileTest {

    @TempDir
    Path project;

    private void source(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private GenerateConfig config() throws Exception {
        Path annotations = Path.of(EventConsumer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return new GenerateConfig(
                project, project.resolve("target"), null, null, List.of(annotations), null, null, "NONE", null);
    }

    private void consumer(String name, String annotationImport, String annotation) throws IOException {
        source("src/main/java/com/example/" + name + ".java", """
                package com.example;

                import %s;

                public class %s {
                    %s
                    public void on(OrderPlaced event) {}
                }
                """.formatted(annotationImport, name, annotation));
        source("src/main/avro/order.avsc", """
                {"type":"record","name":"OrderPlaced","namespace":"com.example","fields":[
                  {"name":"orderId","type":"string"}]}
                """);
        source("src/main/java/com/example/OrderPlaced.java", """
                package com.example;
                public class OrderPlaced {
                    public String orderId;
                }
                """);
    }

    private Path file() {
        return project.resolve("target/event-contracts/" + KafkaConsumers.FILE_NAME);
    }

    @Test
    void run_withAKafkaListener_writesItToKafkaConsumersTxt() throws Exception {
        consumer(
                "PageViews",
                "org.springframework.kafka.annotation.KafkaListener",
                "@KafkaListener(topics = \"page-views\")");
        consumer("Shipping", "dev.eventcontracts.annotations.EventConsumer", "@EventConsumer(queue = \"shipping\")");

        new ContractTestGeneration().run(config());

        assertThat(KafkaConsumers.read(file())).containsExactly("com.example.PageViews#on");
    }

    @Test
    void run_withoutKafkaListeners_removesAnOldFile() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "com.example.Gone#on\n");
        consumer("Shipping", "dev.eventcontracts.annotations.EventConsumer", "@EventConsumer(queue = \"shipping\")");

        new ContractTestGeneration().run(config());

        assertThat(file()).doesNotExist();
        assertThat(KafkaConsumers.read(file())).isEmpty();
    }
}
