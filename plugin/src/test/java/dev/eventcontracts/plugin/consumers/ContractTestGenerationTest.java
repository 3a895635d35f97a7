package dev.eventcontracts.plugin.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.annotations.EventConsumer;
import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.results.DiscoveryFindings;
import dev.eventcontracts.plugin.results.ResultFiles;
import dev.eventcontracts.plugin.schemas.RegistrySelection;
import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.gateway.RemoteRegistryConfig;
import dev.eventcontracts.registry.gateway.SchemaRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's core over a small source tree, with the real discovery and generator. */
class ContractTestGenerationTest {

    @TempDir
    Path project;

    private void source(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private GenerateConfig config(String failOnFindings) throws URISyntaxException {
        return config(failOnFindings, null);
    }

    private GenerateConfig config(String failOnFindings, RegistrySelection registry) throws URISyntaxException {
        Path annotations = Path.of(EventConsumer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return new GenerateConfig(
                project,
                project.resolve("target"),
                null,
                null,
                List.of(annotations),
                null,
                null,
                failOnFindings,
                registry);
    }

    private void shop() throws IOException {
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
        source("src/main/java/com/example/ShippingConsumer.java", """
                package com.example;

                import dev.eventcontracts.annotations.EventConsumer;

                public class ShippingConsumer {
                    @EventConsumer(queue = "shipping.order-placed")
                    public void onOrderPlaced(OrderPlaced event) {}
                }
                """);
    }

    @Test
    void run_consumerWithoutDeadLetterQueue_generatesATestAndReportsTheFinding() throws Exception {
        shop();

        GenerateOutcome outcome = new ContractTestGeneration().run(config("ERROR"));

        assertThat(outcome.consumerLines())
                .singleElement()
                .asString()
                .startsWith("consumer com.example.ShippingConsumer#onOrderPlaced (@EventConsumer,"
                        + " queue 'shipping.order-placed', no dead-letter queue");
        assertThat(outcome.outputDirectory().resolve("com/example/ShippingConsumerContractIT.java"))
                .exists();
        assertThat(outcome.summaryLine())
                .startsWith("event-contracts: 1 consumer found, 1 contract test in"
                        + " target/generated-test-sources/event-contracts (1 written, 0 deleted)");
        assertThat(outcome.findingLines())
                .anySatisfy(f -> assertThat(f.text())
                        .startsWith("src/main/java/com/example/ShippingConsumer.java:")
                        .contains("no-dead-letter-queue"));
        DiscoveryFindings written = new ResultFiles()
                .readFindings(project.resolve("target/event-contracts/findings.json"))
                .orElseThrow();
        assertThat(written.consumers()).containsExactly("com.example.ShippingConsumer#onOrderPlaced");
        assertThat(written.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("no-dead-letter-queue"));
    }

    @Test
    void run_failOnFindingsWarning_failsNamingTheFinding() throws Exception {
        shop();

        GenerateOutcome outcome = new ContractTestGeneration().run(config("warning"));

        assertThat(outcome.failureMessage())
                .startsWith("event-contracts: ")
                .contains(" or above (<failOnFindings>):")
                .contains("no-dead-letter-queue");
    }

    @Test
    void run_secondRunWithSameSources_writesNothing() throws Exception {
        shop();
        new ContractTestGeneration().run(config(null));

        GenerateOutcome again = new ContractTestGeneration().run(config(null));

        assertThat(again.summaryLine()).contains("(0 written, 0 deleted)");
    }

    private static final String V1 = """
            {"type":"record","name":"OrderPlaced","namespace":"com.example","fields":[
              {"name":"orderId","type":"string"},{"name":"legacyChannel","type":"string"}]}
            """;

    private static final String V2 = """
            {"type":"record","name":"OrderPlaced","namespace":"com.example","fields":[
              {"name":"orderId","type":"string"},{"name":"total","type":"long","default":0}]}
            """;

    private void register(String subject, String... schemas) {
        try (SchemaRegistry registry = SchemaRegistry.fileStore(project.resolve("src/main/registry"))) {
            for (String schema : schemas) {
                registry.register(subject, new Schema.Parser().parse(schema));
            }
        }
    }

    private Path generatedTest() {
        return project.resolve(
                "target/generated-test-sources/event-contracts/com/example/ShippingConsumerContractIT.java");
    }

    @Test
    void run_subjectWithTwoRegisteredVersions_triesBothAndTheCurrentSchema() throws Exception {
        shop();
        register("com.example.OrderPlaced", V1, V2);

        GenerateOutcome outcome = new ContractTestGeneration().run(config(null));

        Path writers = project.resolve("target/event-contracts/writers");
        assertThat(writers.resolve("com.example.OrderPlaced.v1.avsc")).exists();
        assertThat(writers.resolve("com.example.OrderPlaced.v2.avsc")).exists();
        assertThat(new Schema.Parser()
                        .parse(writers.resolve("com.example.OrderPlaced.v1.avsc")
                                .toFile()))
                .isEqualTo(new Schema.Parser().parse(V1));
        assertThat(Files.readString(writers.resolve("com.example.OrderPlaced.v2.avsc")))
                .as("pretty-printed")
                .contains("\n  \"name\" : \"OrderPlaced\"");
        assertThat(Files.readString(generatedTest()))
                .contains(
                        "builder.previousWriterSchemaFile(\"target/event-contracts/writers/com.example.OrderPlaced.v1.avsc\");")
                .contains(
                        "builder.previousWriterSchemaFile(\"target/event-contracts/writers/com.example.OrderPlaced.v2.avsc\");")
                .containsSubsequence("OrderPlaced.v1.avsc", "OrderPlaced.v2.avsc");
        assertThat(outcome.consumerLines())
                .singleElement()
                .asString()
                .endsWith(", scenario (n) tries 3 writer versions: v1, v2, current)");
    }

    @Test
    void run_registeredVersionEqualToCurrentSchemaOrToAVersionFile_isTriedOnce() throws Exception {
        shop();
        source("src/main/avro/order.v1.avsc", V1);
        register("com.example.OrderPlaced", V1, Files.readString(project.resolve("src/main/avro/order.avsc")));

        GenerateOutcome outcome = new ContractTestGeneration().run(config(null));

        assertThat(Files.readString(generatedTest()))
                .contains("builder.previousWriterSchemaFile(\"src/main/avro/order.v1.avsc\");")
                .doesNotContain("target/event-contracts/writers/");
        assertThat(outcome.consumerLines())
                .singleElement()
                .asString()
                .endsWith(", scenario (n) tries 2 writer versions: order.v1.avsc, v2 (current))");
    }

    @Test
    void run_subjectNotRegistered_leavesTheConsumerUnchanged() throws Exception {
        shop();
        new ContractTestGeneration().run(config(null));
        String withoutRegistry = Files.readString(generatedTest());
        register("com.example.OtherEvent", V1.replace("OrderPlaced", "OtherEvent"));

        GenerateOutcome outcome = new ContractTestGeneration().run(config(null));

        assertThat(Files.readString(generatedTest()))
                .isEqualTo(withoutRegistry)
                .doesNotContain("previousWriterSchemaFile");
        assertThat(outcome.summaryLine()).contains("(0 written, 0 deleted)");
        assertThat(outcome.consumerLines())
                .singleElement()
                .asString()
                .endsWith(", scenario (n) tries 1 writer version: current)");
        assertThat(project.resolve("target/event-contracts/writers")).doesNotExist();
    }

    @Test
    void run_remoteRegistry_triesItsVersionsAndIgnoresTheFileStore() throws Exception {
        shop();
        register("com.example.OrderPlaced", V1);
        try (EmbeddedRegistry server =
                EmbeddedRegistry.builder().port(0).build().start()) {
            try (SchemaRegistry remote = SchemaRegistry.remote(RemoteRegistryConfig.of(server.uri()))) {
                remote.register("com.example.OrderPlaced", new Schema.Parser().parse(V2));
            }
            RegistrySelection selection =
                    new RegistrySelection(project, null, server.uri().toString(), null, null, null);

            GenerateOutcome outcome = new ContractTestGeneration().run(config(null, selection));

            Path writers = project.resolve("target/event-contracts/writers");
            assertThat(new Schema.Parser()
                            .parse(writers.resolve("com.example.OrderPlaced.v1.avsc")
                                    .toFile()))
                    .as("v1 of the remote registry is V2 of this test, not the file store's V1")
                    .isEqualTo(new Schema.Parser().parse(V2));
            assertThat(outcome.consumerLines())
                    .singleElement()
                    .asString()
                    .endsWith(", scenario (n) tries 2 writer versions: v1, current)");
        }
    }

    @Test
    void run_remoteRegistryUnreachable_namesTheRegistryAndTheFix() throws Exception {
        shop();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/registry/v2";
        RegistrySelection selection = new RegistrySelection(project, null, url, null, null, null);

        assertThatThrownBy(() -> new ContractTestGeneration().run(config(null, selection)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read the registered writer versions from " + url + ": ")
                .hasMessageEndingWith("Check that <registryUrl> is reachable from this build.");
    }

    @Test
    void run_noRegistryDirectory_createsNone() throws Exception {
        shop();

        new ContractTestGeneration().run(config(null));

        assertThat(project.resolve("src/main/registry")).doesNotExist();
        assertThat(Files.readString(generatedTest())).doesNotContain("previousWriterSchemaFile");
    }

    @Test
    void config_unknownFailOnFindings_namesThePomElement() {
        assertThatThrownBy(() -> config("sometimes"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid value 'sometimes' for <failOnFindings> (-Deventcontracts.failOnFindings):"
                        + " use ERROR, WARNING, INFO or NONE (e.g. <failOnFindings>WARNING</failOnFindings>).");
    }
}
