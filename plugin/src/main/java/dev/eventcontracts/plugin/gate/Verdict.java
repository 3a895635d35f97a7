package dev.eventcontracts.plugin.gate;

import java.util.List;

/**
 * The gate's decision.
 *
 * @param violations everything found, most severe first
 * @param threshold the lowest severity that fails the gate
 * @param failOnViolation whether violations at or above the threshold fail the build (or only warn)
 * @param counts what was judged, for the summary line
 */
public record Verdict(List<Violation> violations, Severity threshold, boolean failOnViolation, Counts counts) {

    /** Violations immutable. */
    public Verdict {
        violations = List.copyOf(violations);
    }

    /**
     * How much was judged.
     *
     * @param consumers consumers with results
     * @param scenarios scenario results
     * @param scenariosPassed passed
     * @param scenariosBroken failed or errored
     * @param scenariosSkipped skipped
     * @param schemas schemas checked
     * @param schemasIncompatible schemas with incompatibilities
     * @param findings discovery findings
     */
    public record Counts(
            int consumers,
            int scenarios,
            int scenariosPassed,
            int scenariosBroken,
            int scenariosSkipped,
            int schemas,
            int schemasIncompatible,
            int findings) {}

    /** The violations at or above the threshold. */
    public List<Violation> blocking() {
        return violations.stream().filter(v -> v.severity().atLeast(threshold)).toList();
    }

    /** Whether the gate is red: something at or above the threshold. */
    public boolean red() {
        return !blocking().isEmpty();
    }

    /** Whether the build must fail. */
    public boolean failsBuild() {
        return failOnViolation && red();
    }

    /** The one INFO line the {@code verify} goal logs. */
    public String summaryLine() {
        StringBuilder line = new StringBuilder("event-contracts: ");
        line.append(plural(counts.consumers(), "consumer")).append(", ");
        line.append(plural(counts.scenarios(), "scenario"));
        line.append(" (").append(counts.scenariosPassed()).append(" passed, ");
        line.append(counts.scenariosBroken()).append(" broken, ");
        line.append(counts.scenariosSkipped()).append(" skipped), ");
        line.append(plural(counts.schemas(), "schema"));
        line.append(" (").append(counts.schemasIncompatible()).append(" incompatible), ");
        line.append(plural(counts.findings(), "finding")).append(": ");
        if (!red()) {
            line.append("gate passed");
        } else {
            line.append("gate failed with ").append(plural(blocking().size(), "violation"));
            line.append(" at ").append(threshold).append(" or above");
            if (!failOnViolation) {
                line.append(" (failOnViolation=false: build continues)");
            }
        }
        return line.toString();
    }

    /** The failure message: one line per blocking violation, then where the report is. */
    public String failureMessage(String reportLocation) {
        StringBuilder text = new StringBuilder("event-contracts gate failed: ")
                .append(plural(blocking().size(), "violation"))
                .append(" at ")
                .append(threshold)
                .append(" or above");
        for (Violation v : blocking()) {
            text.append(System.lineSeparator()).append("  - ").append(v.toLine());
        }
        text.append(System.lineSeparator()).append("Report: ").append(reportLocation);
        return text.toString();
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
