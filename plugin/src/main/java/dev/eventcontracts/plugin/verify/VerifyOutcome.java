package dev.eventcontracts.plugin.verify;

import dev.eventcontracts.plugin.gate.Verdict;
import java.nio.file.Path;

/**
 * What the gate decided and where it wrote the reports.
 *
 * @param verdict the decision
 * @param html {@code report.html}
 * @param markdown {@code report.md}
 * @param json {@code report.json}
 * @param junitXml {@code report.junit.xml}
 * @param failureMessage the message the build fails with, when {@link Verdict#failsBuild()}
 * @param nothingToJudge whether no inputs existed at all
 */
public record VerifyOutcome(
        Verdict verdict,
        Path html,
        Path markdown,
        Path json,
        Path junitXml,
        String failureMessage,
        boolean nothingToJudge) {}
