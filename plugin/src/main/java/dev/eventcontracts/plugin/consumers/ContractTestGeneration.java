package dev.eventcontracts.plugin.consumers;

import dev.eventcontracts.plugin.discovery.ConsumerDiscovery;
import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.plugin.discovery.DiscoveryRequest;
import dev.eventcontracts.plugin.discovery.DiscoveryResult;
import dev.eventcontracts.plugin.generate.ContractTestGenerator;
import dev.eventcontracts.plugin.generate.GenerationResult;
import dev.eventcontracts.plugin.results.DiscoveryFindings;
import dev.eventcontracts.plugin.results.Finding;
import dev.eventcontracts.plugin.results.KafkaConsumers;
import dev.eventcontracts.plugin.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code generate-contract-tests} core: discovers the consumers, adds the writer versions
 * registered for their payload subjects ({@link RegisteredWriters}), generates one contract test
 * per consumer, writes {@code findings.json} for the gate, and decides on {@code failOnFindings}.
 */
public final class ContractTestGeneration {

    private static final List<String> ORDER = List.of("ERROR", "WARNING", "INFO");

    /** Runs discovery and generation. */
    public GenerateOutcome run(GenerateConfig config) throws IOException {
        List<Path> main = existing(config.mainSourceRoots());
        List<Path> test = existing(config.testSourceRoots());
        DiscoveryResult discovered = new ConsumerDiscovery()
                .discover(new DiscoveryRequest(main, test, config.classpath(), existing(config.schemaDirectories())));
        List<RegisteredWriters.Enriched> enriched =
                new RegisteredWriters(config.registry(), config.writersDirectory()).enrich(discovered.consumers());
        List<ConsumerModel> models =
                enriched.stream().map(RegisteredWriters.Enriched::model).toList();
        GenerationResult generated =
                new ContractTestGenerator(config.projectDirectory()).generate(models, config.outputDirectory());

        List<Finding> findings = discovered.findings().stream()
                .map(f -> new Finding(f.severity().name(), f.code(), f.message(), display(config, f.file()), f.line()))
                .sorted(Comparator.comparing((Finding f) -> rank(f.severity())))
                .toList();
        List<String> consumers =
                discovered.consumers().stream().map(ConsumerModel::id).sorted().toList();
        new ResultFiles()
                .write(
                        config.findingsFile(),
                        new DiscoveryFindings(DiscoveryFindings.FORMAT_VERSION, consumers, findings));
        KafkaConsumers.write(
                config.findingsFile().resolveSibling(KafkaConsumers.FILE_NAME),
                discovered.consumers().stream()
                        .filter(ConsumerModel::kafka)
                        .map(ConsumerModel::id)
                        .toList());

        List<String> consumerLines = new ArrayList<>();
        for (RegisteredWriters.Enriched e : enriched) {
            ConsumerModel c = e.model();
            String where = c.kafka()
                    ? "Kafka topic '" + c.queue() + "', "
                            + (c.deadLetterQueue().isEmpty()
                                    ? "no dead-letter topic"
                                    : "dead-letter topic '" + c.deadLetterQueue() + "'")
                    : "queue '" + c.queue() + "', "
                            + (c.deadLetterQueue().isEmpty()
                                    ? "no dead-letter queue"
                                    : "dead-letter queue '" + c.deadLetterQueue() + "'");
            consumerLines.add("consumer " + c.id() + " (@" + c.annotation() + ", " + where
                    + (c.fixtureClass() == null ? ", no fixture: judged on effects" : ", fixture " + c.fixtureClass())
                    + ", scenario (n) tries " + plural(e.writerLabels().size(), "writer version") + ": "
                    + String.join(", ", e.writerLabels()) + ")");
        }
        List<GenerateOutcome.FindingLine> findingLines = findings.stream()
                .map(f -> new GenerateOutcome.FindingLine(f.severity(), location(f) + f.code() + ": " + f.message()))
                .toList();
        long errors =
                findings.stream().filter(f -> f.severity().equals("ERROR")).count();
        long warnings =
                findings.stream().filter(f -> f.severity().equals("WARNING")).count();
        String summary = "event-contracts: " + plural(consumers.size(), "consumer") + " found, "
                + plural(generated.generated().size(), "contract test") + " in "
                + display(config, config.outputDirectory()) + " ("
                + generated.written().size() + " written, "
                + generated.deleted().size() + " deleted), " + plural(findings.size(), "finding") + " (" + errors
                + " errors, " + warnings + " warnings)";
        List<Finding> failing = config.failOnFindings().equals("NONE")
                ? List.of()
                : findings.stream()
                        .filter(f -> rank(f.severity()) <= rank(config.failOnFindings()))
                        .toList();
        String failure = null;
        if (!failing.isEmpty()) {
            StringBuilder text = new StringBuilder("event-contracts: ")
                    .append(plural(failing.size(), "finding"))
                    .append(" at ")
                    .append(config.failOnFindings())
                    .append(" or above (<failOnFindings>):");
            for (Finding f : failing) {
                text.append(System.lineSeparator())
                        .append("  - ")
                        .append(f.severity())
                        .append(' ')
                        .append(location(f))
                        .append(f.code())
                        .append(": ")
                        .append(f.message());
            }
            failure = text.toString();
        }
        return new GenerateOutcome(config.outputDirectory(), consumerLines, findingLines, summary, failure);
    }

    private static int rank(String severity) {
        int index = ORDER.indexOf(severity);
        return index < 0 ? ORDER.size() : index;
    }

    private static String location(Finding f) {
        return f.file() == null ? "" : f.file() + (f.line() > 0 ? ":" + f.line() : "") + ": ";
    }

    private static List<Path> existing(List<Path> paths) {
        return paths.stream().filter(Files::isDirectory).toList();
    }

    private static String display(GenerateConfig config, Path path) {
        if (path == null) {
            return null;
        }
        Path base = config.projectDirectory().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
