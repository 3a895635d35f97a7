package dev.eventcontracts.registry.store;

import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.compat.VersionedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies VALIDITY, COMPATIBILITY and INTEGRITY rules to offered content, as Apicurio does: a
 * violated rule is a {@link RegistryException.Kind#RULE_VIOLATION} whose message lists every
 * cause; content that is not an Avro schema at all is {@link RegistryException.Kind#UNPROCESSABLE_SCHEMA}.
 */
final class RuleEnforcer {

    private final CompatibilityChecker checker;

    RuleEnforcer(CompatibilityChecker checker) {
        this.checker = checker;
    }

    CompatibilityChecker checker() {
        return checker;
    }

    /**
     * Checks content against the rules in force.
     *
     * @param history the schemas of the enabled versions, oldest first; empty for a new artifact
     */
    void enforce(String artifact, Map<RuleType, String> rules, SchemaText text, List<VersionedSchema> history) {
        String validity = rules.getOrDefault(RuleType.VALIDITY, "NONE");
        if (!validity.equals("NONE")) {
            String problem = validity.equals("SYNTAX_ONLY") ? text.jsonError() : text.avroError();
            if (problem != null) {
                String description = "Syntax or semantic violation for Avro artifact '" + artifact + "': " + problem;
                throw new RegistryException(
                        RegistryException.Kind.RULE_VIOLATION,
                        description + " (VALIDITY rule " + validity + "). Causes: " + problem + " at content",
                        List.of(new RegistryException.Cause(problem, "content")),
                        null,
                        null);
            }
        }
        requireSchema(artifact, text);
        String compatibility = rules.get(RuleType.COMPATIBILITY);
        if (compatibility != null) {
            CompatibilityLevel level = CompatibilityLevel.parse(compatibility);
            CompatibilityReport report = checker.checkVersions(level, history, text.schema());
            if (!report.compatible()) {
                throw violation(artifact, level, report);
            }
        }
    }

    static void requireSchema(String artifact, SchemaText text) {
        if (text.schema() == null) {
            throw new RegistryException(
                    RegistryException.Kind.UNPROCESSABLE_SCHEMA,
                    "The content offered for artifact '" + artifact + "' is not a valid Avro schema: "
                            + text.avroError() + ". Send the .avsc text of one Avro schema.");
        }
    }

    private static RegistryException violation(String artifact, CompatibilityLevel level, CompatibilityReport report) {
        List<RegistryException.Cause> causes = new ArrayList<>();
        for (var incompatibility : report.incompatibilities()) {
            causes.add(new RegistryException.Cause(
                    incompatibility.message() + " (v" + incompatibility.version() + ", " + incompatibility.path()
                            + "). Fix: " + incompatibility.fix(),
                    String.valueOf(incompatibility.jsonPointer())));
        }
        String list =
                causes.stream().map(c -> c.description() + " at " + c.context()).collect(Collectors.joining(", "));
        String message = "Incompatible artifact: " + artifact + " [AVRO], num of incompatible diffs: {" + causes.size()
                + "}, compatibility level " + level + ". " + report.summary() + " Causes: " + list + "\n"
                + report.toText();
        return new RegistryException(RegistryException.Kind.RULE_VIOLATION, message, causes, report, null);
    }
}
