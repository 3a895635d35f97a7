package dev.eventcontracts.plugin.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.registry.consumers.FieldRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldReadAnalysisTest {

    private static final Schema READER = new Schema.Parser().parse("""
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"order_id","type":"string"},
              {"name":"paid","type":"boolean"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"customer","type":{"type":"record","name":"Customer","fields":[
                {"name":"email","type":"string"},
                {"name":"tier","type":"string"}]}},
              {"name":"unused","type":"string"}]}""");

    private static final String HANDLER = "src/main/java/com/example/Handler.java";

    @TempDir
    Path project;

    private List<FieldRead> reads(String handlerSource, String... otherSources) throws IOException {
        Path file = project.resolve(HANDLER);
        Files.createDirectories(file.getParent());
        Files.writeString(file, handlerSource);
        for (int i = 0; i < otherSources.length; i++) {
            Files.writeString(file.resolveSibling("Other" + i + ".java"), otherSources[i]);
        }
        ConsumerModel consumer = new ConsumerModel(
                "com.example.Handler",
                "com.example",
                "on",
                "shop.OrderPlaced",
                "EventConsumer",
                "q",
                "",
                "",
                "",
                3,
                List.of(),
                "",
                List.of(),
                null,
                new ConsumerModel.SchemaSource("shop.OrderPlaced", false, null),
                List.of(),
                file,
                4);
        return new FieldReadAnalysis(project, List.of(project.resolve("src/main/java"))).reads(consumer, READER);
    }

    @Test
    void gettersAccessorsAndGenericGet_onThePayload_areReadsMatchedToSchemaFields() throws IOException {
        List<FieldRead> reads = reads("""
                package com.example;
                class Handler {
                    void on(String tag, shop.OrderPlaced e) {
                        e.getOrderId();
                        boolean p = e.isPaid();
                        Object n = e.get("note");
                        e.toString();
                        e.getSchema();
                    }
                }
                """);

        assertThat(reads)
                .containsExactly(
                        new FieldRead("note", HANDLER, 6),
                        new FieldRead("order_id", HANDLER, 4),
                        new FieldRead("paid", HANDLER, 5));
    }

    @Test
    void nestedRecordsAndLocalVariables_giveDottedPaths() throws IOException {
        List<FieldRead> reads = reads("""
                package com.example;
                class Handler {
                    void on(shop.OrderPlaced e) {
                        var c = e.customer();
                        String mail = c.email();
                        String tier = e.getCustomer()
                                .getTier();
                    }
                }
                """);

        assertThat(reads)
                .contains(
                        new FieldRead("customer.email", HANDLER, 5),
                        new FieldRead("customer.tier", HANDLER, 7),
                        new FieldRead("customer", HANDLER, 4));
    }

    @Test
    void payloadPassedToMethodsOfTheSameSources_isFollowedIntoThem() throws IOException {
        List<FieldRead> reads = reads("""
                package com.example;
                class Handler {
                    private final Other0 other = new Other0();
                    void on(shop.OrderPlaced e) {
                        this.audit(e.getCustomer());
                        other.bill(e);
                    }
                    private void audit(shop.Customer who) {
                        who.getEmail();
                    }
                }
                """, """
                package com.example;
                class Other0 {
                    void bill(shop.OrderPlaced order) {
                        order.isPaid();
                    }
                }
                """);

        assertThat(reads)
                .contains(
                        new FieldRead("customer.email", HANDLER, 9),
                        new FieldRead("paid", "src/main/java/com/example/Other0.java", 4));
        assertThat(reads).extracting(FieldRead::field).doesNotContain("unused");
    }

    @Test
    void unknownHandlerFile_hasNoReads() throws IOException {
        Files.createDirectories(project.resolve("src/main/java"));
        ConsumerModel nowhere = new ConsumerModel(
                "x.Y",
                "x",
                "on",
                "shop.OrderPlaced",
                "EventConsumer",
                "q",
                "",
                "",
                "",
                3,
                List.of(),
                "",
                List.of(),
                null,
                new ConsumerModel.SchemaSource("shop.OrderPlaced", false, null),
                List.of(),
                project.resolve("src/main/java/x/Y.java"),
                1);

        assertThat(new FieldReadAnalysis(project, List.of(project.resolve("src/main/java"))).reads(nowhere, READER))
                .isEmpty();
    }
}
