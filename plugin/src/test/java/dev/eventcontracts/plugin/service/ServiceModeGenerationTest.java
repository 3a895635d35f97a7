package dev.eventcontracts.plugin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.consumers.GenerateConfig;
import dev.eventcontracts.plugin.consumers.GenerateOutcome;
import dev.eventcontracts.plugin.problems.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceModeGenerationTest {

    @TempDir
    Path project;

    private void write(String path, String text) throws IOException {
        Path file = project.resolve("src/main/java").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String golden(String name) throws IOException {
        try (var in = ServiceModeGenerationTest.class.getResourceAsStream("/golden-service/" + name)) {
            assertThat(in).as("golden file /golden-service/" + name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private GenerateConfig config() {
        return new GenerateConfig(project, project.resolve("target"), null, null, null, null, null, null, null);
    }

    private void springService() throws IOException {
        write("com/example/parcels/ParcelsApplication.java", """
                package com.example.parcels;
                import org.springframework.boot.autoconfigure.SpringBootApplication;
                @SpringBootApplication
                public class ParcelsApplication {}
                """);
        write("com/example/parcels/listen/ParcelListener.java", """
                package com.example.parcels.listen;
                import org.springframework.amqp.rabbit.annotation.RabbitListener;
                import dev.eventcontracts.annotations.EventConsumer;
                class ParcelListener {
                    @RabbitListener(queues = {"parcels.scanned", "other"})
                    @EventConsumer(queue = "parcels.scanned", deadLetterQueue = "parcels.scanned.dlq", maxAttempts = 4)
                    void onScanned(ParcelScanned event) {}

                    @RabbitListener(queues = "${parcels.sorted.queue}")
                    void onSorted(ParcelSorted event) {}

                    @RabbitListener(queues = Queues.LOST)
                    void onLost(ParcelLost event) {}
                }
                """);
    }

    @Test
    void springBootApplication_auto_generatesOneServiceTestPerListenerMethod() throws IOException {
        springService();

        GenerateOutcome outcome = ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        Path dir = project.resolve("target/generated-test-sources/event-contracts/com/example/parcels/listen");
        String scanned = Files.readString(dir.resolve("ParcelListenerOnScannedContractIT.java"));
        assertThat(scanned)
                .contains("@Generated(\"dev.eventcontracts.plugin.service.ServiceTestGenerator\")")
                .isEqualTo(golden("ParcelListenerOnScannedContractIT.java"));
        assertThat(Files.readString(dir.resolve("ParcelListenerOnSortedContractIT.java")))
                .contains(".queue(\"${parcels.sorted.queue}\")")
                .doesNotContain("claimed");
        assertThat(Files.readString(dir.resolve("ParcelListenerOnLostContractIT.java")))
                .contains(".queue(\"\")");
        assertThat(outcome.summaryLine())
                .contains("service mode (com.example.parcels.ParcelsApplication), 3 listeners found, 3 contract tests");
        assertThat(outcome.findingLines())
                .singleElement()
                .satisfies(f -> assertThat(f.text()).contains("queue-from-container", "ParcelListener#onLost"));
        assertThat(Files.readString(project.resolve("target/event-contracts/findings.json")))
                .contains("com.example.parcels.listen.ParcelListener#onScanned");
    }

    @Test
    void classLevelRabbitListener_eachRabbitHandler_isOneListener_overloadsNamedByPayload() throws IOException {
        write("com/example/parcels/ParcelsApplication.java", """
                package com.example.parcels;
                import org.springframework.boot.autoconfigure.SpringBootApplication;
                @SpringBootApplication
                public class ParcelsApplication {}
                """);
        write("com/example/parcels/listen/ParcelEvents.java", """
                package com.example.parcels.listen;
                import com.example.parcels.events.ParcelScanned;
                import org.springframework.amqp.rabbit.annotation.RabbitHandler;
                import org.springframework.amqp.rabbit.annotation.RabbitListener;
                import org.springframework.messaging.handler.annotation.Header;
                @RabbitListener(queues = "parcels.events")
                class ParcelEvents {
                    @RabbitHandler
                    void handle(@Header("x") String x, ParcelScanned event) {}

                    @RabbitHandler
                    void handle(ParcelLost event) {}

                    @RabbitHandler(isDefault = true)
                    void other(Object event) {}

                    void notAHandler(String s) {}
                }
                """);

        GenerateOutcome outcome = ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        Path dir = project.resolve("target/generated-test-sources/event-contracts/com/example/parcels/listen");
        assertThat(Files.readString(dir.resolve("ParcelEventsHandleParcelScannedContractIT.java")))
                .contains("ServiceContract.builder(com.example.parcels.ParcelsApplication.class, ParcelEvents.class,"
                        + " \"handle\", com.example.parcels.events.ParcelScanned.class)")
                .contains("builder.queue(\"parcels.events\")")
                .contains("@DisplayName(\"ParcelEvents#handle(ParcelScanned) (service mode)\")");
        assertThat(Files.readString(dir.resolve("ParcelEventsHandleParcelLostContractIT.java")))
                .contains("\"handle\", com.example.parcels.listen.ParcelLost.class)");
        assertThat(Files.readString(dir.resolve("ParcelEventsOtherContractIT.java")))
                .contains("\"other\", Object.class)");
        assertThat(outcome.summaryLine()).contains("3 listeners found, 3 contract tests");
        assertThat(outcome.consumerLines())
                .contains("listener com.example.parcels.listen.ParcelEvents#handle(ParcelScanned) (@RabbitHandler,"
                        + " queue 'parcels.events', service mode: com.example.parcels.ParcelsApplication)");
        assertThat(Files.readString(project.resolve("target/event-contracts/findings.json")))
                .contains("com.example.parcels.listen.ParcelEvents#handle(ParcelLost)")
                .contains("com.example.parcels.listen.ParcelEvents#other\"");
    }

    @Test
    void queue_fromQueuesToDeclare_bindings_constants_placeholders_andSpelLeftToTheContainer() throws IOException {
        write("com/example/parcels/ParcelsApplication.java", """
                package com.example.parcels;
                import org.springframework.boot.autoconfigure.SpringBootApplication;
                @SpringBootApplication
                public class ParcelsApplication {}
                """);
        write("com/example/parcels/Queues.java", """
                package com.example.parcels;
                public final class Queues {
                    public static final String PREFIX = "parcels.";
                    public static final String LOST = PREFIX + "lost";
                }
                """);
        write("com/example/parcels/Listeners.java", """
                package com.example.parcels;
                import org.springframework.amqp.rabbit.annotation.*;
                class Listeners {
                    @RabbitListener(queuesToDeclare = @Queue(name = "parcels.declared",
                            arguments = @Argument(name = "x-dead-letter-exchange", value = "dlx")))
                    void declared(String s) {}

                    @RabbitListener(bindings = @QueueBinding(value = @Queue("parcels.bound"),
                            exchange = @Exchange("parcels"), key = "parcel.#"))
                    void bound(String s) {}

                    @RabbitListener(queues = Queues.LOST)
                    void constant(String s) {}

                    @RabbitListener(queues = "${parcels.queue:parcels.scanned}")
                    void placeholder(String s) {}

                    @RabbitListener(queues = "#{parcelQueue.name}")
                    void spel(String s) {}

                    @RabbitListener(bindings = @QueueBinding(value = @Queue, exchange = @Exchange("parcels")))
                    void anonymous(String s) {}
                }
                """);

        GenerateOutcome outcome = ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        Path dir = project.resolve("target/generated-test-sources/event-contracts/com/example/parcels");
        assertThat(Files.readString(dir.resolve("ListenersDeclaredContractIT.java")))
                .contains("builder.queue(\"parcels.declared\")");
        assertThat(Files.readString(dir.resolve("ListenersBoundContractIT.java")))
                .contains("builder.queue(\"parcels.bound\")");
        assertThat(Files.readString(dir.resolve("ListenersConstantContractIT.java")))
                .contains("builder.queue(\"parcels.lost\")");
        assertThat(Files.readString(dir.resolve("ListenersPlaceholderContractIT.java")))
                .contains("builder.queue(\"${parcels.queue:parcels.scanned}\")");
        assertThat(Files.readString(dir.resolve("ListenersSpelContractIT.java")))
                .contains("builder.queue(\"\")");
        assertThat(Files.readString(dir.resolve("ListenersAnonymousContractIT.java")))
                .contains("builder.queue(\"\")");
        assertThat(outcome.findingLines())
                .extracting(GenerateOutcome.FindingLine::text)
                .hasSize(2)
                .anySatisfy(
                        t -> assertThat(t).contains("queue-from-container", "Listeners#spel", "'#{parcelQueue.name}'"))
                .anySatisfy(t -> assertThat(t).contains("queue-from-container", "Listeners#anonymous"));
    }

    @Test
    void generation_isDeterministic_andRewritesNothingTheSecondTime() throws IOException {
        springService();
        ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        GenerateOutcome second = ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        assertThat(second.summaryLine()).contains("(0 written, 0 deleted)");
    }

    @Test
    void staleGeneratedTests_ofBothModes_areDeleted_otherFilesKept() throws IOException {
        springService();
        Path dir = project.resolve("target/generated-test-sources/event-contracts/com/example");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("OldContractIT.java"),
                "@Generated(\"dev.eventcontracts.plugin.generate.ContractTestGenerator\") class OldContractIT {}");
        Files.writeString(dir.resolve("MineContractIT.java"), "class MineContractIT {}");

        ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO)
                .orElseThrow()
                .run(config());

        assertThat(dir.resolve("OldContractIT.java")).doesNotExist();
        assertThat(dir.resolve("MineContractIT.java")).exists();
    }

    @Test
    void noSpringBootApplication_auto_keepsPlainMode_on_failsNamingTheFix() throws IOException {
        write("com/example/Plain.java", "package com.example; class Plain {}");

        assertThat(ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.AUTO))
                .isEmpty();
        assertThatThrownBy(() -> ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.ON))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("<serviceMode>")
                .hasMessageContaining("@SpringBootApplication");
    }

    @Test
    void springBootApplication_off_keepsPlainMode() throws IOException {
        springService();

        assertThat(ServiceModeGeneration.choose(config(), ServiceModeGeneration.Mode.OFF))
                .isEmpty();
    }

    @Test
    void unknownMode_isRejectedNamingTheChoices() {
        assertThatThrownBy(() -> ServiceModeGeneration.Mode.parse("sometimes"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'sometimes'")
                .hasMessageContaining("auto, on or off");
        assertThat(ServiceModeGeneration.Mode.parse(null)).isEqualTo(ServiceModeGeneration.Mode.AUTO);
        assertThat(List.of(ServiceModeGeneration.Mode.parse(" On "))).containsExactly(ServiceModeGeneration.Mode.ON);
    }
}
