package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of one contract scenario for one consumer, as a generated contract test writes it.
 *
 * @param id stable scenario id, e.g. {@code duplicate-delivery}
 * @param letter the scenario's letter in docs/contract-tests.md §6, {@code a} to {@code o}
 * @param displayName the human sentence the test reports
 * @param status what happened
 * @param message what went wrong, or {@code null} when the scenario passed
 * @param fix how to fix it, or {@code null}
 * @param durationMillis how long the scenario ran
 * @param journal for a failed or errored scenario, what the broker did in its last run (deliveries
 *     in order, then dead letters); empty when the results carry none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScenarioResult(
        String id,
        String letter,
        String displayName,
        ScenarioStatus status,
        String message,
        String fix,
        long durationMillis,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JournalEvent> journal) {

    /** The journal null-safe. */
    public ScenarioResult {
        journal = journal == null ? List.of() : List.copyOf(journal);
    }

    /** A result without a journal. */
    public ScenarioResult(
            String id,
            String letter,
            String displayName,
            ScenarioStatus status,
            String message,
            String fix,
            long durationMillis) {
        this(id, letter, displayName, status, message, fix, durationMillis, List.of());
    }

    /**
     * One thing the broker did with a message during the scenario's last run.
     *
     * @param messageId the message id property
     * @param instance the consumer instance (1-based), 0 for a dead letter
     * @param attempt the delivery attempt of this message (1-based), 0 for a dead letter
     * @param redelivered the broker's redelivered flag
     * @param outcome {@code ACKED}, {@code REJECTED}, {@code REQUEUED}, {@code ACK_LOST}, {@code HELD}
     *     or {@code DEAD_LETTERED}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JournalEvent(String messageId, int instance, int attempt, boolean redelivered, String outcome) {}
}
