package dev.eventcontracts.plugin.consumers;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code generate-contract-tests} did.
 *
 * @param outputDirectory the test source root to add to the build
 * @param consumerLines one line per consumer found, for the log
 * @param findingLines one line per finding, most severe first, each with its severity
 * @param summaryLine the one INFO summary line
 * @param failureMessage why the build must fail ({@code failOnFindings}), or {@code null}
 */
public record GenerateOutcome(
        Path outputDirectory,
        List<String> consumerLines,
        List<FindingLine> findingLines,
        String summaryLine,
        String failureMessage) {

    /**
     * A finding for the log.
     *
     * @param severity {@code ERROR}, {@code WARNING} or {@code INFO}
     * @param text {@code file:line: code: message}
     */
    public record FindingLine(String severity, String text) {}
}
