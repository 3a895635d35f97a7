package dev.eventcontracts.plugin.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payload types of plain-mode consumers: Avro, JSON records and POJOs, raw bytes and text. */
class PayloadKindsDiscoveryTest {

    @TempDir
    Path root;

    private DiscoveryResult discover(String mainSource, String testSource) throws IOException {
        Path main = root.resolve("main/java/com/example");
        Path test = root.resolve("test/java/com/example");
        Files.createDirectories(main);
        Files.createDirectories(test);
        Files.writeString(main.resolve("Listeners.java"), mainSource);
        if (testSource != null) {
            Files.writeString(test.resolve("Fixtures.java"), testSource);
        }
        return new ConsumerDiscovery()
                .discover(new DiscoveryRequest(
                        List.of(root.resolve("main/java")), List.of(root.resolve("test/java")), List.of(), List.of()));
    }

    private static final String LISTENERS = """
            package com.example;
            import dev.eventcontracts.annotations.EventConsumer;
            import java.util.List;
            public class Listeners {
                public record Requested(String orderId, int quantity) {}
                public static class Pojo { private String id; public String getId() { return id; } public void setId(String id) { this.id = id; } }
                public abstract static class Base {}
                public interface Shape {}

                @EventConsumer(queue = "records", deadLetterQueue = "records.dlq")
                public void onRecord(Requested event) {}

                @EventConsumer(queue = "pojos", deadLetterQueue = "pojos.dlq")
                public void onPojo(Pojo event) {}

                @EventConsumer(queue = "text", deadLetterQueue = "text.dlq")
                public void onText(String line) {}

                @EventConsumer(queue = "bytes", deadLetterQueue = "bytes.dlq")
                public void onBytes(byte[] body) {}

                @EventConsumer(queue = "abstract", deadLetterQueue = "abstract.dlq")
                public void onBase(Base event) {}

                @EventConsumer(queue = "interface", deadLetterQueue = "interface.dlq")
                public void onShape(Shape event) {}

                @EventConsumer(queue = "list", deadLetterQueue = "list.dlq")
                public void onList(List<String> events) {}
            }
            """;

    @Test
    void recordsAndPojos_areJsonConsumers_abstractTypesInterfacesAndPlatformTypesAreNot() throws IOException {
        DiscoveryResult result = discover(LISTENERS, null);

        assertThat(result.consumers())
                .extracting(c -> c.handler() + ":" + c.schema().kind())
                .containsExactlyInAnyOrder("onRecord:JSON", "onPojo:JSON");
        assertThat(result.consumers())
                .allSatisfy(c -> assertThat(c.schema().avscFile()).isNull());
        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("payload-not-avro"))
                .extracting(Finding::message)
                .anySatisfy(m ->
                        assertThat(m).startsWith("Listeners#onBase takes payload type 'com.example.Listeners.Base'"))
                .anySatisfy(m -> assertThat(m).startsWith("Listeners#onShape takes payload type"))
                .anySatisfy(m -> assertThat(m).startsWith("Listeners#onList takes payload type 'java.util.List"));
    }

    @Test
    void stringAndBytesWithoutFixtureSamples_areSamplesMissingFindings_withoutTests() throws IOException {
        DiscoveryResult result = discover(LISTENERS, null);

        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("samples-missing"))
                .extracting(Finding::message)
                .containsExactly(
                        "Listeners#onText takes its payload as String and decodes it itself, so event-contracts cannot"
                                + " build messages it accepts; no contract test is generated. Write a"
                                + " ConsumerFixture<Listeners> whose samples() returns four or more valid bodies (and"
                                + " poisonSamples() invalid ones), or give an .avsc schema.",
                        "Listeners#onBytes takes its payload as byte[] and decodes it itself, so event-contracts"
                                + " cannot build messages it accepts; no contract test is generated. Write a"
                                + " ConsumerFixture<Listeners> whose samples() returns four or more valid bodies (and"
                                + " poisonSamples() invalid ones), or give an .avsc schema.");
    }

    @Test
    void stringPayloadWithAFixtureSupplyingSamples_isARawConsumer() throws IOException {
        DiscoveryResult result = discover("""
                package com.example;
                import dev.eventcontracts.annotations.EventConsumer;
                public class TextListener {
                    @EventConsumer(queue = "text", deadLetterQueue = "text.dlq")
                    public void onText(String line) {}
                }
                """.replace("TextListener", "Listeners"), """
                package com.example;
                import dev.eventcontracts.junit.ConsumerFixture;
                import dev.eventcontracts.junit.ContractContext;
                import java.util.List;
                public class Fixtures implements ConsumerFixture<Listeners> {
                    public Listeners create(ContractContext ctx) { return new Listeners(); }
                    public List<?> samples() { return List.of("o-1;2", "o-2;1", "o-3;4", "o-4;1"); }
                }
                """);

        assertThat(result.consumers()).singleElement().satisfies(c -> {
            assertThat(c.schema().kind()).isEqualTo(ConsumerModel.PayloadKind.RAW);
            assertThat(c.fixtureClass()).isEqualTo("com.example.Fixtures");
        });
        assertThat(result.findings()).noneMatch(f -> f.code().equals("samples-missing"));
    }

    @Test
    void jsonConsumer_generatedTestNamesNoSchemaFile() throws IOException {
        DiscoveryResult result = discover(LISTENERS, null);

        var generated = new dev.eventcontracts.plugin.generate.ContractTestGenerator()
                .generate(result.consumers(), root.resolve("generated"));

        Path record = root.resolve("generated/com/example/ListenersOnRecordContractIT.java");
        assertThat(generated.generated()).contains(record);
        assertThat(Files.readString(record))
                .contains("ConsumerContract.builder(Listeners.class, \"onRecord\");")
                .contains("builder.queue(\"records\");")
                .doesNotContain("schemaFile");
    }
}
