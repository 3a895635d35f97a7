package dev.eventcontracts.plugin.service;

import dev.eventcontracts.plugin.consumers.GenerateConfig;
import dev.eventcontracts.plugin.consumers.GenerateOutcome;
import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.results.DiscoveryFindings;
import dev.eventcontracts.plugin.results.Finding;
import dev.eventcontracts.plugin.results.KafkaConsumers;
import dev.eventcontracts.plugin.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code generate-contract-tests} core in service mode: when the module is a Spring Boot
 * application (a {@code @SpringBootApplication} class in the main sources), every {@code
 * @RabbitListener} method gets a test that runs the scenarios against the service's own context
 * (docs/service-mode.md). {@code <serviceMode>} is {@code auto} (default), {@code on} or {@code
 * off}.
 */
public final class ServiceModeGeneration {

    /** How service mode is chosen. */
    public enum Mode {
        /** Service mode when a {@code @SpringBootApplication} class is found. */
        AUTO,
        /** Service mode; fails when no {@code @SpringBootApplication} class is found. */
        ON,
        /** Plain mode always. */
        OFF;

        /**
         * Parses the parameter value; blank means {@link #AUTO}.
         *
         * @throws InvalidParameterException naming the value and the choices
         */
        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(
                        "<serviceMode>",
                        "eventcontracts.serviceMode",
                        value,
                        "use auto, on or off (e.g. <serviceMode>off</serviceMode> for plain mode).");
            }
        }
    }

    private final SpringServiceScan.Result scan;

    private ServiceModeGeneration(SpringServiceScan.Result scan) {
        this.scan = scan;
    }

    /**
     * Service mode for {@code config}, or empty when plain mode applies.
     *
     * @throws InvalidParameterException when {@code mode} is {@code on} and no application is found
     */
    public static Optional<ServiceModeGeneration> choose(GenerateConfig config, Mode mode) {
        if (mode == Mode.OFF) {
            return Optional.empty();
        }
        SpringServiceScan.Result scan = new SpringServiceScan().scan(config.mainSourceRoots());
        if (scan.application().isEmpty()) {
            if (mode == Mode.ON) {
                throw new InvalidParameterException(
                        "<serviceMode>",
                        "eventcontracts.serviceMode",
                        "on",
                        "service mode needs a @SpringBootApplication class in " + config.mainSourceRoots()
                                + "; none was found. Use auto or off for a module that is not a Spring Boot"
                                + " application.");
            }
            return Optional.empty();
        }
        return Optional.of(new ServiceModeGeneration(scan));
    }

    /** Generates the tests and writes {@code findings.json}. */
    public GenerateOutcome run(GenerateConfig config) throws IOException {
        String application = scan.application().orElseThrow();
        List<ServiceListener> listeners = scan.listeners();
        ServiceTestGenerator.Generated generated =
                new ServiceTestGenerator().generate(application, listeners, config.outputDirectory());
        KafkaServiceGeneration kafka = new KafkaServiceGeneration();
        KafkaServiceGeneration.Generated kafkaTests = kafka.generate(
                application,
                KafkaWriterVersions.add(config, kafka.scan(config.mainSourceRoots())),
                config.outputDirectory());
        KafkaConsumers.write(
                config.findingsFile().resolveSibling(KafkaConsumers.FILE_NAME),
                kafkaTests.listeners().stream()
                        .map(KafkaServiceGeneration.KafkaListenerMethod::id)
                        .toList());
        List<Finding> findings = new ArrayList<>();
        for (ServiceListener l : listeners) {
            if (l.queue().isEmpty()) {
                findings.add(new Finding(
                        "INFO",
                        "queue-from-container",
                        l.id() + ": the queue"
                                + (l.queueSource().isEmpty() ? "" : " '" + l.queueSource() + "'")
                                + " cannot be read from the sources (a SpEL expression, a bean reference or an"
                                + " anonymous @Queue); the test takes the queue of the container that runs this"
                                + " listener at run time.",
                        null,
                        0));
            }
        }
        List<String> consumers =
                new ArrayList<>(listeners.stream().map(ServiceListener::id).toList());
        kafkaTests.listeners().forEach(l -> consumers.add(l.id()));
        new ResultFiles()
                .write(
                        config.findingsFile(),
                        new DiscoveryFindings(DiscoveryFindings.FORMAT_VERSION, consumers, findings));
        List<String> lines = new ArrayList<>();
        for (ServiceListener l : listeners) {
            lines.add("listener " + l.id() + " (" + (l.classLevel() ? "@RabbitHandler" : "@RabbitListener")
                    + ", queue '"
                    + (l.queue().isEmpty() ? "(from its container)" : l.queue()) + "', service mode: "
                    + application + ")");
        }
        for (KafkaServiceGeneration.KafkaListenerMethod l : kafkaTests.listeners()) {
            lines.add("listener " + l.id() + " (@KafkaListener, topic '"
                    + (l.topic().isEmpty() ? "(from its container)" : l.topic()) + "', Kafka service mode: "
                    + application + ")");
        }
        List<GenerateOutcome.FindingLine> findingLines = findings.stream()
                .map(f -> new GenerateOutcome.FindingLine(f.severity(), f.code() + ": " + f.message()))
                .toList();
        int found = listeners.size() + kafkaTests.listeners().size();
        int tests = generated.generated().size() + kafkaTests.generated().size();
        String summary = "event-contracts: service mode (" + application + "), " + found + " listener"
                + (found == 1 ? "" : "s") + " found, "
                + tests + " contract test"
                + (tests == 1 ? "" : "s") + " in " + display(config, config.outputDirectory())
                + " (" + (generated.written().size() + kafkaTests.written().size()) + " written, "
                + (generated.deleted().size() + kafkaTests.deleted().size()) + " deleted)";
        return new GenerateOutcome(config.outputDirectory(), lines, findingLines, summary, null);
    }

    private static String display(GenerateConfig config, Path path) {
        Path base = config.projectDirectory().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
