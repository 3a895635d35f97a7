package dev.eventcontracts.plugin.asyncapi;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code generate-asyncapi} did.
 *
 * @param file the document written
 * @param operations receive operations written (one per consumer)
 * @param channels channels written (queues, exchanges, dead-letter queues)
 * @param warnings one line per payload whose Avro schema was not found
 * @param summaryLine the one INFO summary line
 */
public record AsyncApiOutcome(Path file, int operations, int channels, List<String> warnings, String summaryLine) {

    /** Copies the list. */
    public AsyncApiOutcome {
        warnings = List.copyOf(warnings);
    }
}
