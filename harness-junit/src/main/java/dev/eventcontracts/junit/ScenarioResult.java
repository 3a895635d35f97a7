package dev.eventcontracts.junit;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of one scenario for one consumer.
 *
 * @param scenario which scenario ran
 * @param status the outcome
 * @param message what happened, for FAILED, ERROR and SKIPPED; null when PASSED
 * @param fix what to change, for FAILED; null otherwise
 * @param durationMillis wall time of the scenario
 * @param journal for a FAILED or ERROR scenario, what the broker did in its last run (deliveries
 *     in order, then dead letters), at most {@value #JOURNAL_LIMIT} events; empty otherwise
 */
public record ScenarioResult(
        Scenario scenario,
        ScenarioStatus status,
        String message,
        String fix,
        long durationMillis,
        List<JournalEvent> journal) {

    /** The most journal events a result keeps. */
    public static final int JOURNAL_LIMIT = 60;

    /** Validates that the scenario and status are present. */
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(status, "status");
        journal =
                journal == null ? List.of() : List.copyOf(journal.subList(0, Math.min(journal.size(), JOURNAL_LIMIT)));
    }

    /** A result without a journal. */
    public ScenarioResult(Scenario scenario, ScenarioStatus status, String message, String fix, long durationMillis) {
        this(scenario, status, message, fix, durationMillis, List.of());
    }

    /**
     * One thing the broker did with a message during a scenario run, for the report's timeline.
     *
     * @param messageId the message id property
     * @param instance the consumer instance (1-based), 0 for a dead letter
     * @param attempt the delivery attempt of this message (1-based), 0 for a dead letter
     * @param redelivered the broker's redelivered flag
     * @param outcome {@code ACKED}, {@code REJECTED}, {@code REQUEUED}, {@code ACK_LOST}, {@code HELD}
     *     or {@code DEAD_LETTERED}
     */
    public record JournalEvent(String messageId, int instance, int attempt, boolean redelivered, String outcome) {}

    /** The message and the fix as one text, as a failing test shows it. */
    public String describe() {
        if (message == null) {
            return scenario.id() + ": " + status;
        }
        return fix == null ? message : message + " " + fix;
    }
}
