package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.results.CompatibilityResults;

/**
 * What {@code check-compatibility} found.
 *
 * @param results the verdicts, as written to {@code compatibility.json}
 * @param summaryLine the one INFO line
 * @param failureMessage every incompatibility with file, field path, version and fix; {@code null} when compatible
 */
public record CheckOutcome(CompatibilityResults results, String summaryLine, String failureMessage) {

    /** Whether every schema is compatible. */
    public boolean compatible() {
        return failureMessage == null;
    }
}
