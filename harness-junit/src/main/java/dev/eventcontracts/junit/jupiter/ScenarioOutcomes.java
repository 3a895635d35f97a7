package dev.eventcontracts.junit.jupiter;

import dev.eventcontracts.annotations.contract.ContractDefaults;
import dev.eventcontracts.junit.ScenarioResult;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * What the contract-test extensions of both modes share: reading their settings, and turning a
 * scenario's result into the calling test's outcome (plain mode's {@link ContractTestExtension},
 * service mode's {@code ServiceContractExtension} in harness-spring).
 */
public final class ScenarioOutcomes {

    private ScenarioOutcomes() {}

    /** A JUnit configuration parameter, else the system property, else {@code fallback}. */
    public static String property(ExtensionContext context, String name, String fallback) {
        return context.getConfigurationParameter(name).orElse(System.getProperty(name, fallback));
    }

    /**
     * Parses the settle timeout ({@value ContractTestExtension#SETTLE_TIMEOUT_PROPERTY}): whole
     * seconds, at least 1; blank or null means the default.
     *
     * @throws IllegalArgumentException naming the value and the fix
     */
    public static Duration settleTimeout(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(ContractDefaults.SETTLE_SECONDS);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String name = ContractTestExtension.SETTLE_TIMEOUT_PROPERTY;
        throw new IllegalArgumentException(
                name + " '" + value + "' is not a number of seconds of at least 1; use e.g. -D" + name + "=30");
    }

    /**
     * Fails the calling test for a FAILED result (with the message and the fix), errors it for an
     * ERROR, aborts it for a SKIPPED one, and returns a PASSED result.
     */
    public static ScenarioResult enforce(ScenarioResult result) {
        switch (result.status()) {
            case FAILED -> throw new AssertionFailedError(result.describe());
            case ERROR -> throw new IllegalStateException(result.describe());
            case SKIPPED -> Assumptions.abort(result.message());
            default -> {
                // passed
            }
        }
        return result;
    }
}
