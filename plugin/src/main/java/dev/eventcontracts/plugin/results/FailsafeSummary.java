package dev.eventcontracts.plugin.results;

/**
 * The counts of {@code target/failsafe-reports/failsafe-summary.xml}.
 *
 * @param completed tests run
 * @param errors tests that threw
 * @param failures tests whose assertions failed
 * @param skipped tests skipped
 */
public record FailsafeSummary(int completed, int errors, int failures, int skipped) {

    /** Whether any integration test failed or errored. */
    public boolean broken() {
        return errors > 0 || failures > 0;
    }
}
