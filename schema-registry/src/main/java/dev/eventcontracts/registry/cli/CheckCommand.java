package dev.eventcontracts.registry.cli;

import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityOptions;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.gateway.RegisteredSchema;
import dev.eventcontracts.registry.schema.LoadedSchema;
import dev.eventcontracts.registry.schema.SchemaLoadException;
import dev.eventcontracts.registry.schema.SchemaLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check --level L --previous a.avsc [--previous b.avsc ...] --candidate c.avsc [--format
 * text|json]}: checks a candidate schema against previous versions (oldest first) and prints the
 * report. Exit 0 compatible, 1 incompatible, 2 bad input.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Checks a candidate Avro schema against previous versions under a compatibility level.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:compatible",
            "1:incompatible",
            "2:bad input (usage, unreadable or invalid schema)",
            "3:internal error"
        })
public final class CheckCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format {
        TEXT,
        JSON
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--level",
            required = true,
            converter = LevelConverter.class,
            description = "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.")
    private CompatibilityLevel level;

    @Option(
            names = "--previous",
            paramLabel = "FILE",
            description =
                    "A previous version (.avsc or .avdl); repeat, oldest first. None: the candidate is the first version.")
    private List<Path> previous = new ArrayList<>();

    @Option(
            names = "--candidate",
            required = true,
            paramLabel = "FILE",
            description = "The new schema (.avsc or .avdl).")
    private Path candidate;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    private Format format;

    @Option(names = "--strict-namespaces", description = "Also report namespace changes of named types.")
    private boolean strictNamespaces;

    @Option(
            names = "--strict-logical-types",
            description = "Also report logical-type changes (e.g. decimal precision/scale).")
    private boolean strictLogicalTypes;

    @Option(
            names = "--strict-defaults",
            description = "Also report defaults not matching their type (union: first branch).")
    private boolean strictDefaults;

    @Option(names = "--strict", description = "All of the --strict-* checks.")
    private boolean strict;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SchemaLoader loader = new SchemaLoader();
        List<LoadedSchema> history = new ArrayList<>(previous.size());
        LoadedSchema next;
        try {
            for (Path file : previous) {
                history.add(loader.loadFile(file));
            }
            next = loader.loadFile(candidate);
        } catch (SchemaLoadException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        CompatibilityOptions options = new CompatibilityOptions(
                strict || strictNamespaces, strict || strictLogicalTypes, strict || strictDefaults);
        CompatibilityReport report = new CompatibilityChecker(options)
                .check(level, history.stream().map(LoadedSchema::schema).toList(), next.schema());
        if (format == Format.JSON) {
            out.print(report.toJson());
        } else {
            out.print(legend(history, next));
            out.print(report.toText());
        }
        out.flush();
        return report.compatible() ? Main.OK : Main.INCOMPATIBLE;
    }

    private static String legend(List<LoadedSchema> history, LoadedSchema next) {
        StringBuilder text =
                new StringBuilder("Candidate: ").append(next.source()).append('\n');
        for (int i = 0; i < history.size(); i++) {
            LoadedSchema version = history.get(i);
            text.append("v").append(i + 1).append(": ").append(version.source());
            if (RegisteredSchema.canonicalForm(version.schema())
                    .equals(RegisteredSchema.canonicalForm(next.schema()))) {
                text.append(" (same canonical form as the candidate)");
            } else if (version.fingerprint().equals(next.fingerprint())) {
                text.append(" (same Parsing Canonical Form as the candidate: differs only in doc, default, aliases"
                        + " or other attributes, so a registry keeps it as a new version)");
            }
            text.append('\n');
        }
        return text.append('\n').toString();
    }

    /** Parses levels case-insensitively with a message listing the levels. */
    static final class LevelConverter implements CommandLine.ITypeConverter<CompatibilityLevel> {
        @Override
        public CompatibilityLevel convert(String value) {
            try {
                return CompatibilityLevel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
