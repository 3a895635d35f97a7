package dev.eventcontracts.plugin.verify;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.gate.GateRules;
import dev.eventcontracts.plugin.gate.Verdict;
import dev.eventcontracts.plugin.report.HtmlReport;
import dev.eventcontracts.plugin.report.JUnitXmlReport;
import dev.eventcontracts.plugin.report.JsonReport;
import dev.eventcontracts.plugin.report.MarkdownReport;
import dev.eventcontracts.plugin.report.flow.FlowSection;
import dev.eventcontracts.plugin.results.CanIDeployResults;
import dev.eventcontracts.plugin.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code verify} goal's core: reads the contract results, the failsafe summary, the
 * compatibility verdicts and the discovery findings; judges them; writes {@code report.html},
 * {@code report.md}, {@code report.json} and {@code report.junit.xml}. It never fails the build itself: the caller decides
 * on {@link Verdict#failsBuild()}.
 */
public final class VerifyGate {

    private final ResultFiles files = new ResultFiles();

    /**
     * Runs the gate.
     *
     * @throws dev.eventcontracts.plugin.results.ResultFileException an input exists but is unreadable
     * @throws dev.eventcontracts.plugin.problems.InvalidParameterException a parameter is invalid
     * @throws IOException the reports cannot be written
     */
    public VerifyOutcome run(VerifyConfig config) throws IOException {
        var threshold = config.threshold();
        GateInputs inputs = new GateInputs(
                files.readContractResults(config.resultsDirectory()),
                files.readFailsafeSummary(config.failsafeSummary()),
                files.readCompatibility(config.compatibilityFile()),
                files.readFindings(config.findingsFile()),
                files.readCanIDeploy(config.compatibilityFile().resolveSibling(CanIDeployResults.FILE_NAME)));
        Path failsafeReports = config.failsafeSummary().toAbsolutePath().getParent();
        Verdict verdict =
                new GateRules(config.display(failsafeReports)).judge(inputs, threshold, config.failOnViolation());

        Path dir = config.reportDirectory();
        Files.createDirectories(dir);
        Path html = dir.resolve("report.html");
        Path markdown = dir.resolve("report.md");
        Path json = dir.resolve("report.json");
        Path junitXml = dir.resolve("report.junit.xml");
        Files.writeString(
                html,
                new HtmlReport(FlowSection.reading(config.asyncApiFile()))
                        .render(config.projectName(), inputs, verdict));
        Files.writeString(markdown, new MarkdownReport().render(config.projectName(), inputs, verdict));
        files.write(json, JsonReport.of(config.projectName(), inputs, verdict));
        Files.writeString(
                junitXml, new JUnitXmlReport().render(config.projectName(), inputs, verdict, config.display(html)));
        String failure = verdict.red() ? verdict.failureMessage(config.display(html)) : null;
        return new VerifyOutcome(verdict, html, markdown, json, junitXml, failure, inputs.isEmpty());
    }
}
