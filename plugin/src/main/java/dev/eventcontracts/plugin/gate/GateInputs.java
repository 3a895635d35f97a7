package dev.eventcontracts.plugin.gate;

import dev.eventcontracts.plugin.results.CanIDeployResults;
import dev.eventcontracts.plugin.results.CompatibilityResults;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.DiscoveryFindings;
import dev.eventcontracts.plugin.results.FailsafeSummary;
import java.util.List;
import java.util.Optional;

/**
 * Everything the gate judges. Absent parts mean the goal that produces them did not run.
 *
 * @param contracts contract results, sorted by consumer
 * @param failsafe the failsafe summary
 * @param compatibility the {@code check-compatibility} verdicts
 * @param findings the {@code generate-contract-tests} findings
 * @param canIDeploy the {@code can-i-deploy} matrix
 */
public record GateInputs(
        List<ContractResult> contracts,
        Optional<FailsafeSummary> failsafe,
        Optional<CompatibilityResults> compatibility,
        Optional<DiscoveryFindings> findings,
        Optional<CanIDeployResults> canIDeploy) {

    /** Inputs without a can-i-deploy matrix. */
    public GateInputs(
            List<ContractResult> contracts,
            Optional<FailsafeSummary> failsafe,
            Optional<CompatibilityResults> compatibility,
            Optional<DiscoveryFindings> findings) {
        this(contracts, failsafe, compatibility, findings, Optional.empty());
    }

    /** Lists immutable, optionals non-null. */
    public GateInputs {
        contracts = contracts == null ? List.of() : List.copyOf(contracts);
        failsafe = failsafe == null ? Optional.empty() : failsafe;
        compatibility = compatibility == null ? Optional.empty() : compatibility;
        findings = findings == null ? Optional.empty() : findings;
        canIDeploy = canIDeploy == null ? Optional.empty() : canIDeploy;
    }

    /** Whether there is nothing at all to judge. */
    public boolean isEmpty() {
        return contracts.isEmpty()
                && failsafe.isEmpty()
                && compatibility.isEmpty()
                && findings.isEmpty()
                && canIDeploy.isEmpty();
    }
}
