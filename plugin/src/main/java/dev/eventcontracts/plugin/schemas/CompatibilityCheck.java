package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.results.CompatibilityResults;
import dev.eventcontracts.plugin.results.ResultFiles;
import dev.eventcontracts.plugin.results.SchemaCheck;
import dev.eventcontracts.plugin.results.SchemaIssue;
import dev.eventcontracts.plugin.results.SchemaStatus;
import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.compat.Direction;
import dev.eventcontracts.registry.compat.Incompatibility;
import dev.eventcontracts.registry.compat.VersionedSchema;
import dev.eventcontracts.registry.consumers.ConsumerBreak;
import dev.eventcontracts.registry.consumers.ConsumerCheck;
import dev.eventcontracts.registry.consumers.ConsumersReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code check-compatibility} core: loads the project's schemas, checks each against its
 * subject's registered history under its level, writes {@code compatibility.json} for the gate,
 * and explains every incompatibility. A subject with no history passes as its first version.
 */
public final class CompatibilityCheck {

    private final CompatibilityChecker checker;
    private final ConsumerCheck consumerCheck = new ConsumerCheck();

    /** A check with Avro's rules. */
    public CompatibilityCheck() {
        this(new CompatibilityChecker());
    }

    /** A check with the given engine. */
    public CompatibilityCheck(CompatibilityChecker checker) {
        this.checker = checker;
    }

    /** One schema's verdict with the engine's report (and the consumer readers' report, or null). */
    record Checked(
            LocalSchema schema, List<VersionedSchema> history, CompatibilityReport report, ConsumersReport consumers) {

        boolean compatible() {
            return report.compatible() && (consumers == null || consumers.compatible());
        }
    }

    /**
     * Runs the check against the configured registry.
     *
     * @throws dev.eventcontracts.plugin.problems.UserProblemException a schema file, a parameter or the credentials are wrong
     * @throws IOException the registry or the files cannot be read
     */
    public CheckOutcome run(CheckConfig config) throws IOException {
        return run(config, (String) null);
    }

    /**
     * Runs the check against the configured registry; with {@code CONSUMERS} in the level, also
     * against the consumer readers registered there (those deployed in {@code environment} when
     * given, else the latest of each consumer service).
     *
     * @throws dev.eventcontracts.plugin.problems.UserProblemException a schema file, a parameter or the credentials are wrong
     * @throws IOException the registry or the files cannot be read
     */
    public CheckOutcome run(CheckConfig config, String environment) throws IOException {
        boolean consumers = LevelSpec.parse(config.level()).consumers();
        try (SubjectRegistry registry = GatewayRegistry.open(config.registry(), false);
                ConsumerReaders readers = consumers ? ConsumerReaders.open(config.registry(), environment) : null) {
            return run(config, registry, readers);
        }
    }

    /**
     * Runs the check against the given history.
     *
     * @throws dev.eventcontracts.plugin.problems.UserProblemException a schema file or a parameter is wrong
     * @throws IOException the registry or the files cannot be read
     */
    public CheckOutcome run(CheckConfig config, SubjectHistory registry) throws IOException {
        return run(config, registry, null);
    }

    /**
     * Runs the check against the given history and, when the level has {@code CONSUMERS}, the
     * given consumer readers.
     *
     * @param readers the consumer readers; {@code null} checks none
     * @throws dev.eventcontracts.plugin.problems.UserProblemException a schema file or a parameter is wrong
     * @throws IOException the registry or the files cannot be read
     */
    public CheckOutcome run(CheckConfig config, SubjectHistory registry, ConsumerReaders readers) throws IOException {
        LevelSpec spec = LevelSpec.parse(config.level());
        CompatibilityLevel defaultLevel = SchemaDirectory.parseLevel(spec.historyLevel(), "<level>");
        List<LocalSchema> schemas = new SchemaDirectory(config.projectDirectory())
                .load(config.schemaDirectory(), defaultLevel, config.subjects());
        List<Checked> checked = new ArrayList<>();
        for (LocalSchema schema : schemas) {
            List<VersionedSchema> history = registry.history(schema.subject());
            ConsumersReport consumers = spec.consumers()
                    ? consumerCheck.check(
                            schema.subject(),
                            schema.schema(),
                            readers == null ? List.of() : readers.readers(schema.subject()))
                    : null;
            checked.add(new Checked(
                    schema, history, checker.checkVersions(schema.level(), history, schema.schema()), consumers));
        }
        int registered = checked.stream().mapToInt(c -> c.history().size()).sum();
        List<SchemaCheck> entries =
                checked.stream().map(CompatibilityCheck::entry).toList();
        String levelName = spec.consumers() ? levelName(defaultLevel, true) : defaultLevel.name();
        CompatibilityResults results = new CompatibilityResults(
                CompatibilityResults.FORMAT_VERSION, registry.describe(), levelName, registered, entries);
        new ResultFiles().write(config.resultsFile(), results);
        String consumersPart = null;
        if (spec.consumers()) {
            int readerCount = checked.stream()
                    .mapToInt(c -> c.consumers().verdicts().size())
                    .sum();
            consumersPart = " and " + readerCount + (readerCount == 1 ? " consumer reader" : " consumer readers")
                    + (readers == null ? "" : ", " + readers.describe());
        }
        String summary = summary(checked, registered, levelName, defaultLevel, consumersPart, config);
        return new CheckOutcome(results, summary, failure(checked, registry));
    }

    private static String levelName(CompatibilityLevel history, boolean consumers) {
        return new LevelSpec(history.name(), consumers).display();
    }

    private static SchemaCheck entry(Checked c) {
        SchemaStatus status = !c.compatible()
                ? SchemaStatus.INCOMPATIBLE
                : c.history().isEmpty() ? SchemaStatus.NEW_SUBJECT : SchemaStatus.COMPATIBLE;
        List<SchemaIssue> issues = new ArrayList<>(c.report().incompatibilities().stream()
                .map(CompatibilityCheck::issue)
                .toList());
        if (c.consumers() != null) {
            c.consumers().breaks().stream().map(CompatibilityCheck::issue).forEach(issues::add);
        }
        return new SchemaCheck(
                c.schema().subject(),
                c.schema().displayFile(),
                levelName(c.schema().level(), c.consumers() != null),
                c.report().checkedVersions(),
                status,
                issues);
    }

    private static SchemaIssue issue(Incompatibility i) {
        return new SchemaIssue(
                i.kind().name(),
                i.jsonPointer(),
                i.path(),
                i.version(),
                direction(i.direction()),
                i.message(),
                i.fix());
    }

    private static SchemaIssue issue(ConsumerBreak b) {
        return new SchemaIssue(
                b.kind().name(),
                "",
                b.field(),
                0,
                "consumer " + b.service() + " " + b.version() + " reads new",
                b.message(),
                "Consumer side: " + b.consumerFix() + " Producer side: " + b.producerFix());
    }

    static String direction(Direction direction) {
        return direction.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String summary(
            List<Checked> checked,
            int registered,
            String levelName,
            CompatibilityLevel level,
            String consumersPart,
            CheckConfig config) {
        long incompatible = checked.stream().filter(c -> !c.compatible()).count();
        long fresh = checked.stream().filter(c -> c.history().isEmpty()).count();
        boolean mixed = checked.stream().anyMatch(c -> c.schema().level() != level);
        StringBuilder line = new StringBuilder("event-contracts: ")
                .append(checked.size())
                .append(checked.size() == 1 ? " schema" : " schemas")
                .append(" checked against ")
                .append(registered)
                .append(registered == 1 ? " registered version" : " registered versions")
                .append(consumersPart == null ? "" : consumersPart)
                .append(" (")
                .append(levelName)
                .append(mixed ? " and per-subject levels" : "")
                .append("): ");
        line.append(incompatible == 0 ? "compatible" : incompatible + " incompatible");
        if (fresh > 0) {
            line.append(", ").append(fresh).append(fresh == 1 ? " new subject" : " new subjects");
        }
        if (checked.isEmpty()) {
            line.append(" (no .avsc or .avdl files in '")
                    .append(config.projectDirectory()
                            .toAbsolutePath()
                            .normalize()
                            .relativize(
                                    config.schemaDirectory().toAbsolutePath().normalize()))
                    .append("')");
        }
        return line.toString();
    }

    private static String failure(List<Checked> checked, SubjectHistory registry) {
        List<Checked> broken = checked.stream().filter(c -> !c.compatible()).toList();
        if (broken.isEmpty()) {
            return null;
        }
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder("event-contracts: ")
                .append(broken.size())
                .append(" of ")
                .append(checked.size())
                .append(checked.size() == 1 ? " schema is" : " schemas are")
                .append(" not compatible with the registry (")
                .append(registry.describe())
                .append(")");
        for (Checked c : broken) {
            text.append(nl)
                    .append(c.schema().displayFile())
                    .append(" (subject '")
                    .append(c.schema().subject())
                    .append("'):");
            String report = c.report().compatible() ? "" : c.report().toText();
            if (c.consumers() != null && !c.consumers().compatible()) {
                report = (report.isEmpty() ? "" : report + nl) + "CONSUMERS: "
                        + c.consumers().toText();
            }
            for (String line : report.split("\\R")) {
                text.append(nl);
                if (!line.isBlank()) {
                    text.append("  ").append(line);
                }
            }
        }
        return text.toString().stripTrailing();
    }
}
