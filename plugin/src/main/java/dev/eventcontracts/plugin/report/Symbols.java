package dev.eventcontracts.plugin.report;

import dev.eventcontracts.plugin.results.ScenarioStatus;

/** The one-character marks of the matrix, shared by the HTML and Markdown reports. */
final class Symbols {

    private Symbols() {}

    static String of(ScenarioStatus status) {
        return switch (status) {
            case PASSED -> "✓";
            case FAILED -> "✗";
            case ERROR -> "!";
            case SKIPPED -> "–";
        };
    }
}
