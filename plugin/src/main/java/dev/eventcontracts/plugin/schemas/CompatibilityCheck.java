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

    /** A check with Avro's rules. */
    public CompatibilityCheck() {
        this(new CompatibilityChecker());
    }

    /** A check with the given engine. */
    public CompatibilityCheck(CompatibilityChecker checker) {
        this.checker = checker;
    }

    /** One schema's verdict with the engine's report. */
    record Checked(LocalSchema schema, List<VersionedSchema> history, CompatibilityReport report) {}

    /**
     * Runs the check against the configured registry.
     *
     * @throws dev.eventcontracts.plugin.problems.UserProblemException a schema file, a parameter or the credentials are wrong
     * @throws IOException the registry or the files cannot be read
     */
    public CheckOutcome run(CheckConfig config) throws IOException {
        try (SubjectRegistry registry = GatewayRegistry.open(config.registry(), false)) {
            return run(config, registry);
        }
    }

    /**
     * Runs the check against the given history.
     *
     * @throws dev.eventcontracts.plugin.problems.UserProblemException a schema file or a parameter is wrong
     * @throws IOException the registry or the files cannot be read
     */
    public CheckOutcome run(CheckConfig config, SubjectHistory registry) throws IOException {
        CompatibilityLevel defaultLevel = SchemaDirectory.parseLevel(config.level(), "<level>");
        List<LocalSchema> schemas = new SchemaDirectory(config.projectDirectory())
                .load(config.schemaDirectory(), defaultLevel, config.subjects());
        List<Checked> checked = new ArrayList<>();
        for (LocalSchema schema : schemas) {
            List<VersionedSchema> history = registry.history(schema.subject());
            checked.add(new Checked(schema, history, checker.checkVersions(schema.level(), history, schema.schema())));
        }
        int registered = checked.stream().mapToInt(c -> c.history().size()).sum();
        List<SchemaCheck> entries =
                checked.stream().map(CompatibilityCheck::entry).toList();
        CompatibilityResults results = new CompatibilityResults(
                CompatibilityResults.FORMAT_VERSION, registry.describe(), defaultLevel.name(), registered, entries);
        new ResultFiles().write(config.resultsFile(), results);
        return new CheckOutcome(
                results, summary(checked, registered, defaultLevel, config), failure(checked, registry));
    }

    private static SchemaCheck entry(Checked c) {
        SchemaStatus status = c.history().isEmpty()
                ? SchemaStatus.NEW_SUBJECT
                : c.report().compatible() ? SchemaStatus.COMPATIBLE : SchemaStatus.INCOMPATIBLE;
        List<SchemaIssue> issues = c.report().incompatibilities().stream()
                .map(CompatibilityCheck::issue)
                .toList();
        return new SchemaCheck(
                c.schema().subject(),
                c.schema().displayFile(),
                c.schema().level().name(),
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

    static String direction(Direction direction) {
        return direction.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String summary(List<Checked> checked, int registered, CompatibilityLevel level, CheckConfig config) {
        long incompatible =
                checked.stream().filter(c -> !c.report().compatible()).count();
        long fresh = checked.stream().filter(c -> c.history().isEmpty()).count();
        boolean mixed = checked.stream().anyMatch(c -> c.schema().level() != level);
        StringBuilder line = new StringBuilder("event-contracts: ")
                .append(checked.size())
                .append(checked.size() == 1 ? " schema" : " schemas")
                .append(" checked against ")
                .append(registered)
                .append(registered == 1 ? " registered version (" : " registered versions (")
                .append(level)
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
        List<Checked> broken =
                checked.stream().filter(c -> !c.report().compatible()).toList();
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
            for (String line : c.report().toText().split("\\R")) {
                text.append(nl);
                if (!line.isBlank()) {
                    text.append("  ").append(line);
                }
            }
        }
        return text.toString().stripTrailing();
    }
}
