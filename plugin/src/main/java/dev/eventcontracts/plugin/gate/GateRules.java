package dev.eventcontracts.plugin.gate;

import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.plugin.results.CompatibilityResults;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.DiscoveryFindings;
import dev.eventcontracts.plugin.results.FailsafeSummary;
import dev.eventcontracts.plugin.results.Finding;
import dev.eventcontracts.plugin.results.ScenarioResult;
import dev.eventcontracts.plugin.results.ScenarioStatus;
import dev.eventcontracts.plugin.results.SchemaCheck;
import dev.eventcontracts.plugin.results.SchemaIssue;
import dev.eventcontracts.plugin.results.SchemaStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns the gate's inputs into a {@link Verdict}. Pure: no files, no Maven. */
public final class GateRules {

    /** Where failsafe's per-test reports are, for the fix of a failsafe violation. */
    private final String failsafeReports;

    /** @param failsafeReports the failsafe reports directory as users should open it */
    public GateRules(String failsafeReports) {
        this.failsafeReports = failsafeReports;
    }

    /** Judges the inputs against the threshold. */
    public Verdict judge(GateInputs inputs, Severity threshold, boolean failOnViolation) {
        List<Violation> violations = new ArrayList<>();
        int scenarios = 0;
        int passed = 0;
        int broken = 0;
        int skipped = 0;
        for (ContractResult contract : inputs.contracts()) {
            for (ScenarioResult scenario : contract.scenarios()) {
                scenarios++;
                ScenarioStatus status = scenario.status() == null ? ScenarioStatus.ERROR : scenario.status();
                switch (status) {
                    case PASSED -> passed++;
                    case SKIPPED -> {
                        skipped++;
                        violations.add(scenarioViolation(Severity.INFO, contract, scenario, status));
                    }
                    case FAILED, ERROR -> {
                        broken++;
                        violations.add(scenarioViolation(Severity.ERROR, contract, scenario, status));
                    }
                }
            }
        }
        int findings = 0;
        for (ContractResult contract : inputs.contracts()) {
            for (Finding finding : contract.findings()) {
                findings++;
                violations.add(new Violation(
                        Severity.ofFinding(finding.severity()),
                        Violation.Kind.FINDING,
                        finding.code(),
                        "for " + contract.consumer(),
                        finding.message(),
                        null));
            }
        }
        inputs.findings().ifPresent(discovery -> violations.addAll(missingResults(inputs, discovery)));
        int schemas = 0;
        int incompatible = 0;
        if (inputs.compatibility().isPresent()) {
            CompatibilityResults compatibility = inputs.compatibility().get();
            schemas = compatibility.schemas().size();
            for (SchemaCheck check : compatibility.schemas()) {
                if (check.status() == SchemaStatus.INCOMPATIBLE) {
                    incompatible++;
                    for (SchemaIssue issue : check.incompatibilities()) {
                        violations.add(schemaViolation(check, issue));
                    }
                }
            }
        }
        if (inputs.findings().isPresent()) {
            DiscoveryFindings discovery = inputs.findings().get();
            findings += discovery.findings().size();
            for (Finding finding : discovery.findings()) {
                String location = finding.file() == null
                        ? ""
                        : "at " + finding.file() + (finding.line() > 0 ? ":" + finding.line() : "");
                violations.add(new Violation(
                        Severity.ofFinding(finding.severity()),
                        Violation.Kind.FINDING,
                        finding.code(),
                        location,
                        finding.message(),
                        null));
            }
        }
        inputs.failsafe()
                .filter(FailsafeSummary::broken)
                .ifPresent(summary -> violations.add(new Violation(
                        Severity.ERROR,
                        Violation.Kind.TESTS,
                        "integration tests",
                        "",
                        summary.failures() + " failed and " + summary.errors() + " errored of " + summary.completed()
                                + " run by failsafe.",
                        "Read the failing tests' reports in " + failsafeReports + ".")));
        violations.sort(Comparator.comparing(Violation::severity).reversed());
        Verdict.Counts counts = new Verdict.Counts(
                inputs.contracts().size(), scenarios, passed, broken, skipped, schemas, incompatible, findings);
        return new Verdict(violations, threshold, failOnViolation, counts);
    }

    /**
     * A discovered consumer without a results file: its generated test did not run (excluded,
     * not compiled, or failsafe skipped), so nothing about it was verified.
     */
    private static List<Violation> missingResults(GateInputs inputs, DiscoveryFindings discovery) {
        java.util.Set<String> judged = new java.util.HashSet<>();
        for (ContractResult contract : inputs.contracts()) {
            judged.add(contract.consumer());
            judged.add(contract.consumer().replace('$', '.'));
        }
        List<Violation> missing = new ArrayList<>();
        for (String consumer : discovery.consumers()) {
            if (!judged.contains(consumer)) {
                missing.add(new Violation(
                        Severity.ERROR,
                        Violation.Kind.CONSUMER,
                        consumer,
                        "no-results",
                        "discovered by generate-contract-tests, but no contract results were written for it: its"
                                + " generated test did not run.",
                        "Run the generated *ContractIT with failsafe (check its includes/excludes and that"
                                + " target/generated-test-sources/event-contracts is compiled), or remove the"
                                + " consumer's annotation if it is not a consumer."));
            }
        }
        return missing;
    }

    private static Violation scenarioViolation(
            Severity severity, ContractResult contract, ScenarioResult scenario, ScenarioStatus status) {
        String label = "(" + (scenario.letter() == null ? "?" : scenario.letter()) + ") " + scenario.id();
        String message = scenario.message() == null || scenario.message().isBlank()
                ? (scenario.displayName() == null ? "" : scenario.displayName())
                : scenario.message();
        String fix = scenario.fix();
        if ((fix == null || fix.isBlank()) && status.broken()) {
            fix = ContractScenario.byId(scenario.id())
                    .map(ContractScenario::defaultFix)
                    .orElse(null);
        }
        return new Violation(
                severity, Violation.Kind.CONSUMER, contract.consumer(), label, status + ": " + message, fix);
    }

    private static Violation schemaViolation(SchemaCheck check, SchemaIssue issue) {
        String field = issue.path() == null || issue.path().isBlank() ? issue.jsonPointer() : issue.path();
        return new Violation(
                Severity.ERROR,
                Violation.Kind.SCHEMA,
                check.subject(),
                "(" + check.file() + ")",
                "not " + check.level() + " compatible" + (issue.version() > 0 ? " with v" + issue.version() : "")
                        + " at '" + field + "': " + issue.message(),
                issue.fix());
    }
}
