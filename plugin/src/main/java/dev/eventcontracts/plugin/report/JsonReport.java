package dev.eventcontracts.plugin.report;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.gate.Verdict;
import dev.eventcontracts.plugin.gate.Violation;
import dev.eventcontracts.plugin.results.CanIDeployResults;
import dev.eventcontracts.plugin.results.CompatibilityResults;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.DiscoveryFindings;
import dev.eventcontracts.plugin.results.FailsafeSummary;
import java.util.List;

/**
 * {@code report.json}: the whole verdict and its inputs for machines (format version 1).
 *
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param project the project's name
 * @param verdict {@code PASSED}, {@code FAILED}, or {@code FAILED_NOT_ENFORCED} ({@code failOnViolation=false})
 * @param threshold the lowest severity that fails the gate
 * @param summary the summary line
 * @param counts what was judged
 * @param violations everything found, most severe first
 * @param consumers the contract results
 * @param compatibility the schema verdicts, or {@code null}
 * @param findings the discovery findings, or {@code null}
 * @param failsafe the failsafe summary, or {@code null}
 * @param canIDeploy the can-i-deploy matrix, or {@code null}
 */
public record JsonReport(
        int formatVersion,
        String project,
        String verdict,
        String threshold,
        String summary,
        Verdict.Counts counts,
        List<Violation> violations,
        List<ContractResult> consumers,
        CompatibilityResults compatibility,
        DiscoveryFindings findings,
        FailsafeSummary failsafe,
        CanIDeployResults canIDeploy) {

    /** The report.json format version. */
    public static final int FORMAT_VERSION = 1;

    /** Builds the report model. */
    public static JsonReport of(String projectName, GateInputs inputs, Verdict verdict) {
        String outcome = !verdict.red() ? "PASSED" : verdict.failsBuild() ? "FAILED" : "FAILED_NOT_ENFORCED";
        return new JsonReport(
                FORMAT_VERSION,
                projectName,
                outcome,
                verdict.threshold().name(),
                verdict.summaryLine(),
                verdict.counts(),
                verdict.violations(),
                inputs.contracts(),
                inputs.compatibility().orElse(null),
                inputs.findings().orElse(null),
                inputs.failsafe().orElse(null),
                inputs.canIDeploy().orElse(null));
    }
}
