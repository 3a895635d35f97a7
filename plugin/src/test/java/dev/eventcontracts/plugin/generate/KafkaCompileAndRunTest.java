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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A plain Kafka consumer with a JSON record payload and Kafka's {@code ConsumerRecord} and {@code
 * Headers} parameters (src/test/resources/kafka-shapes): discovered without a finding, its generated
 * contract test compiled in memory and run with the JUnit Platform Launcher on an embedded Kafka
 * broker the test starts itself (docs/kafka.md §4.1, §4.2).
 */
class KafkaCompileAndRunTest {

    @TempDir
    Path work;

    @Test
    void consumerRecordAndHeadersParameters_areAccepted_andTheGeneratedKafkaTestRunsGreen() throws Exception {
        Path root = Path.of(
                KafkaCompileAndRunTest.class.getResource("/kafka-shapes").toURI());
        DiscoveryResult discovered = new ConsumerDiscovery()
                .discover(new DiscoveryRequest(
                        List.of(root.resolve("main/java")), List.of(root.resolve("test/java")), List.of(), List.of()));
        assertThat(discovered.findings()).noneMatch(f -> f.code().equals("unsupported-parameter"));
        assertThat(discovered.consumers())
                .singleElement()
                .satisfies(c -> assertThat(c.kafka()).isTrue());
        GenerationResult generated =
                new ContractTestGenerator().generate(discovered.consumers(), work.resolve("generated"));
        List<Path> sources = new ArrayList<>(generated.generated());
        sources.addAll(javaFiles(root));
        ClassLoader loader = InMemoryCompiler.compile(sources);

        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(loader.loadClass("com.example.stock.StockListenerContractIT")))
                                .configurationParameters(Map.of(
                                        "eventcontracts.results.dir",
                                        work.resolve("results").toString()))
                                .build(),
                        listener);

        assertThat(listener.getSummary().getTestsFoundCount()).isEqualTo(15);
        assertThat(listener.getSummary().getFailures()).isEmpty();
        JsonNode results = new ObjectMapper()
                .readTree(work.resolve("results/StockListener-onRequested.json").toFile());
        assertThat(results.get("transport").asText()).isEqualTo("kafka");
        assertThat(results.get("scenarios"))
                .hasSize(15)
                .allSatisfy(s ->
                        assertThat(s.get("status").asText()).as(s.toString()).isIn("PASSED", "SKIPPED"));
        assertThat(results.get("scenarios"))
                .filteredOn(s -> s.get("status").asText().equals("PASSED"))
                .extracting(s -> s.get("id").asText())
                .contains("duplicate-delivery", "commit-lost", "undecodable-bytes", "non-retryable", "conservation");
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
