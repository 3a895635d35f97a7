package dev.eventcontracts.junit;

import java.util.Objects;

/**
 * The verdict of one scenario for one consumer.
 *
 * @param scenario which scenario ran
 * @param status the outcome
 * @param message what happened, for FAILED, ERROR and SKIPPED; null when PASSED
 * @param fix what to change, for FAILED; null otherwise
 * @param durationMillis wall time of the scenario
 */
public record ScenarioResult(
        Scenario scenario, ScenarioStatus status, String message, String fix, long durationMillis) {

    /** Validates that the scenario and status are present. */
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(status, "status");
    }

    /** The message and the fix as one text, as a failing test shows it. */
    public String describe() {
        if (message == null) {
            return scenario.id() + ": " + status;
        }
        return fix == null ? message : message + " " + fix;
    }
}
