package dev.eventcontracts.plugin.discovery;

import java.util.List;

/**
 * The consumers found and what discovery noticed.
 *
 * @param consumers the consumers to generate contract tests for, sorted by class and handler
 * @param findings findings sorted by file and line
 */
public record DiscoveryResult(List<ConsumerModel> consumers, List<Finding> findings) {

    /** Copies the lists. */
    public DiscoveryResult {
        consumers = List.copyOf(consumers);
        findings = List.copyOf(findings);
    }

    /** True when a finding has severity {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
