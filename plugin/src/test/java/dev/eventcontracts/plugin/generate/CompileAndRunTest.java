package dev.eventcontracts.plugin.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.plugin.discovery.ConsumerDiscovery;
import dev.eventcontracts.plugin.discovery.DiscoveryRequest;
import dev.eventcontracts.plugin.discovery.DiscoveryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Discovers the consumers of src/test/resources/ledger, generates their contract tests, compiles
 * everything in memory with javax.tools and runs the generated tests with the JUnit Platform
 * Launcher: against an in-JVM harness broker (no broker URI, as from the IDE) and against RabbitMQ.
 */
class CompileAndRunTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"harness", "rabbitmq"})
    void generatedTests_compileAndRun_correctConsumerPasses_defectiveConsumerFailsWithItsMessage(String broker)
            throws Exception {
        Path root = resource("/ledger");
        DiscoveryResult discovered = new ConsumerDiscovery()
                .discover(new DiscoveryRequest(
                        List.of(root.resolve("main/java")),
                        List.of(root.resolve("test/java")),
                        List.of(location(org.apache.avro.specific.SpecificRecordBase.class)),
                        List.of(root.resolve("avro"))));
        assertThat(discovered.consumers()).hasSize(2);
        GenerationResult generated =
                new ContractTestGenerator().generate(discovered.consumers(), work.resolve("generated"));

        List<Path> sources = new ArrayList<>(generated.generated());
        sources.addAll(javaFiles(root));
        ClassLoader loader = InMemoryCompiler.compile(sources);

        Map<String, String> config = new HashMap<>();
        config.put("eventcontracts.results.dir", work.resolve("results").toString());
        if (broker.equals("rabbitmq")) {
            config.put("eventcontracts.amqp.uri", rabbitMq());
        }
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(
                                        selectClass(loader.loadClass("com.example.ledger.LedgerConsumerContractIT")),
                                        selectClass(loader.loadClass("com.example.ledger.AuditConsumerContractIT")))
                                .configurationParameters(config)
                                .build(),
                        listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsFoundCount()).isEqualTo(28);
        JsonNode ledger = results("LedgerConsumer-onPayment.json");
        assertThat(ledger.get("scenarios")).hasSize(14);
        assertThat(ledger.get("scenarios"))
                .allSatisfy(s ->
                        assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("PASSED"));
        assertThat(ledger.get("judgedOn").asText()).isEqualTo("effects+state");

        JsonNode audit = results("AuditConsumer-onPayment.json");
        JsonNode duplicate = audit.get("scenarios").get(0);
        assertThat(duplicate.get("id").asText()).isEqualTo("duplicate-delivery");
        assertThat(duplicate.get("status").asText()).isEqualTo("FAILED");
        assertThat(duplicate.get("message").asText())
                .isEqualTo("AuditConsumer is not idempotent: delivering PaymentReceived{paymentId=p-1} twice (immediate"
                        + " duplicate) state 'auditedPayments' went from 0 to 2 (expected 1).");
        assertThat(summary.getFailures())
                .anySatisfy(
                        f -> assertThat(f.getException().getMessage()).startsWith("AuditConsumer is not idempotent"));
        assertThat(summary.getTestsFailedCount())
                .isEqualTo(summary.getFailures().size());
    }

    private JsonNode results(String file) throws IOException {
        return new ObjectMapper().readTree(work.resolve("results").resolve(file).toFile());
    }

    private static String rabbitMq() {
        URI uri = URI.create(System.getProperty("eventcontracts.oracle.uri", "amqp://guest:guest@127.0.0.1:5672"));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5672), 1_000);
        } catch (IOException e) {
            Assumptions.abort("RabbitMQ at " + uri.getHost() + " is unreachable: " + e.getMessage());
        }
        return uri.toString();
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CompileAndRunTest.class.getResource(name).toURI());
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
