package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Something consumer discovery noticed, e.g. a consumer without a dead-letter queue.
 *
 * @param severity {@code ERROR}, {@code WARNING} or {@code INFO}
 * @param code a stable code, e.g. {@code NO_DEAD_LETTER_QUEUE}
 * @param message what was found and how to fix it
 * @param file the source file, relative to the project directory
 * @param line the line, or 0 when not known
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Finding(String severity, String code, String message, String file, int line) {}
