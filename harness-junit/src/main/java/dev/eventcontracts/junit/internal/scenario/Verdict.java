package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ScenarioStatus;

/**
 * What a scenario concluded, before timing is added.
 *
 * @param status the status
 * @param message what happened, null when passed
 * @param fix what to change, for failures
 */
record Verdict(ScenarioStatus status, String message, String fix) {

    static Verdict passed() {
        return new Verdict(ScenarioStatus.PASSED, null, null);
    }

    static Verdict failed(String message, String fix) {
        return new Verdict(ScenarioStatus.FAILED, message, fix);
    }

    static Verdict error(String message) {
        return new Verdict(ScenarioStatus.ERROR, message, null);
    }

    static Verdict skipped(String message) {
        return new Verdict(ScenarioStatus.SKIPPED, message, null);
    }
}
