package dev.eventcontracts.plugin.results;

/** How a contract scenario ended. */
public enum ScenarioStatus {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED;

    /** Whether this status breaks the contract. */
    public boolean broken() {
        return this == FAILED || this == ERROR;
    }
}
