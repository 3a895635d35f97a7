package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The outcome of one contract scenario for one consumer, as a generated contract test writes it.
 *
 * @param id stable scenario id, e.g. {@code duplicate-delivery}
 * @param letter the scenario's letter in DESIGN.md §5, {@code a} to {@code n}
 * @param displayName the human sentence the test reports
 * @param status what happened
 * @param message what went wrong, or {@code null} when the scenario passed
 * @param fix how to fix it, or {@code null}
 * @param durationMillis how long the scenario ran
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScenarioResult(
        String id,
        String letter,
        String displayName,
        ScenarioStatus status,
        String message,
        String fix,
        long durationMillis) {}
