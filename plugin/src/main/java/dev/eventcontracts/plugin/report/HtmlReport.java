package dev.eventcontracts.plugin.report;

import static dev.eventcontracts.plugin.report.markup.Html.escape;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.gate.Verdict;
import dev.eventcontracts.plugin.gate.Violation;
import dev.eventcontracts.plugin.report.flow.FlowSection;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.FailsafeSummary;
import dev.eventcontracts.plugin.results.Finding;
import dev.eventcontracts.plugin.results.ScenarioResult;
import dev.eventcontracts.plugin.results.ScenarioStatus;
import dev.eventcontracts.plugin.results.SchemaCheck;
import dev.eventcontracts.plugin.results.SchemaIssue;
import java.util.stream.Collectors;

/**
 * {@code report.html}: one self-contained page (inline CSS, no scripts, no external resources)
 * with the verdict, the consumers × scenarios matrix, the schema section, the violations with
 * their fixes, the findings and the failsafe counts. Deterministic: no timestamps.
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1f2328}
            h1{font-size:1.5rem;margin:0 0 .5rem}
            h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
            .verdict{display:inline-block;padding:.3rem .8rem;border-radius:.3rem;font-weight:600;color:#fff}
            .verdict.passed{background:#1a7f37}.verdict.failed{background:#cf222e}.verdict.warned{background:#9a6700}
            table{border-collapse:collapse;margin:.5rem 0}
            th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            #matrix td:first-child{max-width:24rem;overflow-wrap:anywhere}
            td.cell{text-align:center;font-weight:600;min-width:1.6rem}
            td.PASSED{background:#dafbe1;color:#1a7f37}td.FAILED,td.ERROR{background:#ffebe9;color:#cf222e}
            td.SKIPPED{background:#fff8c5;color:#9a6700}td.NOT_RUN{color:#8c959f}
            td.COMPATIBLE,td.NEW_SUBJECT{color:#1a7f37}td.INCOMPATIBLE{color:#cf222e;font-weight:600}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
            .muted{color:#57606a}
            li{margin:.25rem 0}
            """;

    private final FlowSection flow;

    /** A report whose flow section has no exchange routes. */
    public HtmlReport() {
        this(FlowSection.withoutRoutes());
    }

    /** A report with the given flow section (docs/plugin.md, "Event flow"). */
    public HtmlReport(FlowSection flow) {
        this.flow = flow;
    }

    /** Renders the page. */
    public String render(String projectName, GateInputs inputs, Verdict verdict) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.append("<title>event-contracts report: ")
                .append(escape(projectName))
                .append("</title>\n");
        html.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>event-contracts report: ").append(escape(projectName)).append("</h1>\n");
        String cls = !verdict.red() ? "passed" : verdict.failsBuild() ? "failed" : "warned";
        String label =
                !verdict.red() ? "Gate passed" : verdict.failsBuild() ? "Gate failed" : "Gate failed (not enforced)";
        html.append("<p><span id=\"verdict\" class=\"verdict ")
                .append(cls)
                .append("\">")
                .append(label)
                .append("</span> <span class=\"muted\">")
                .append(escape(verdict.summaryLine()))
                .append("</span></p>\n");
        matrix(html, inputs);
        flow.appendTo(html, inputs.contracts());
        schemas(html, inputs);
        inputs.canIDeploy().ifPresent(results -> CanIDeploySection.html(html, results));
        violations(html, verdict);
        findings(html, inputs);
        failsafe(html, inputs);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void violations(StringBuilder html, Verdict verdict) {
        if (verdict.violations().isEmpty()) {
            return;
        }
        html.append("<h2>Violations</h2>\n<ul id=\"violations\">\n");
        for (Violation v : verdict.violations()) {
            html.append("<li><strong>")
                    .append(v.severity())
                    .append("</strong> ")
                    .append(escape(v.kind().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(" <code>")
                    .append(escape(v.subject()))
                    .append("</code>")
                    .append(v.location() == null || v.location().isBlank() ? "" : " " + escape(v.location()))
                    .append(": ")
                    .append(escape(v.problem()));
            if (v.fix() != null && !v.fix().isBlank()) {
                html.append("<br><em>Fix:</em> ").append(escape(v.fix()));
            }
            html.append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void matrix(StringBuilder html, GateInputs inputs) {
        html.append("<h2>Consumers × scenarios</h2>\n");
        if (inputs.contracts().isEmpty()) {
            html.append("<p class=\"muted\">No contract results: the generated contract tests did not run.</p>\n");
            return;
        }
        Columns columns = Columns.of(inputs.contracts());
        html.append("<table id=\"matrix\">\n<thead><tr><th>consumer</th><th>queue</th><th>dead-letter queue</th>");
        for (Columns.Column column : columns.columns()) {
            html.append("<th title=\"")
                    .append(escape(column.id()))
                    .append("\">")
                    .append(escape(column.header()))
                    .append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (ContractResult contract : inputs.contracts()) {
            html.append("<tr><td><code>")
                    .append(escape(contract.consumer()))
                    .append("</code><br><span class=\"muted\">on ")
                    .append(escape(contract.brokerLabel()))
                    .append(", judged on ")
                    .append(escape(contract.judgedOn()))
                    .append(
                            contract.effectsObservedAt() == null
                                    ? ""
                                    : ", messages seen at " + escape(contract.effectsObservedAt()))
                    .append("</span></td><td><code>")
                    .append(escape(contract.queue()))
                    .append("</code></td><td>")
                    .append(
                            contract.deadLetterQueue() == null
                                    ? "<strong>none</strong>"
                                    : "<code>" + escape(contract.deadLetterQueue()) + "</code>")
                    .append("</td>");
            for (Columns.Column column : columns.columns()) {
                ScenarioResult result = Columns.cell(contract, column).orElse(null);
                if (result == null) {
                    html.append("<td class=\"cell NOT_RUN\" title=\"not run\">·</td>");
                    continue;
                }
                ScenarioStatus status = result.status() == null ? ScenarioStatus.ERROR : result.status();
                String title = result.displayName() == null ? column.id() : result.displayName();
                if (result.message() != null) {
                    title += ": " + result.message();
                }
                html.append("<td class=\"cell ")
                        .append(status)
                        .append("\" title=\"")
                        .append(escape(title))
                        .append("\">")
                        .append(Symbols.of(status))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"muted\">");
        html.append(columns.columns().stream()
                .map(c -> escape(c.header()) + " = " + escape(c.id()))
                .collect(Collectors.joining(", ")));
        html.append(". ✓ passed, ✗ failed, ! error, – skipped, · not run.</p>\n");
    }

    private static void schemas(StringBuilder html, GateInputs inputs) {
        html.append("<h2>Schemas</h2>\n");
        if (inputs.compatibility().isEmpty()) {
            html.append("<p class=\"muted\">No compatibility results: check-compatibility did not run.</p>\n");
            return;
        }
        var compatibility = inputs.compatibility().get();
        html.append("<p class=\"muted\">Registry: <code>")
                .append(escape(compatibility.registry()))
                .append("</code></p>\n");
        html.append("<table id=\"schemas\">\n<thead><tr><th>subject</th><th>file</th><th>level</th>"
                + "<th>checked against</th><th>verdict</th></tr></thead>\n<tbody>\n");
        for (SchemaCheck check : compatibility.schemas()) {
            html.append("<tr><td><code>")
                    .append(escape(check.subject()))
                    .append("</code></td><td><code>")
                    .append(escape(check.file()))
                    .append("</code></td><td>")
                    .append(escape(check.level()))
                    .append("</td><td>")
                    .append(
                            check.versionsChecked().isEmpty()
                                    ? "—"
                                    : check.versionsChecked().stream()
                                            .map(v -> "v" + v)
                                            .collect(Collectors.joining(", ")))
                    .append("</td><td class=\"")
                    .append(check.status())
                    .append("\">")
                    .append(check.status())
                    .append("</td></tr>\n");
            for (SchemaIssue issue : check.incompatibilities()) {
                html.append("<tr><td colspan=\"5\">")
                        .append(issue.version() > 0 ? "v" + issue.version() : escape(issue.direction()))
                        .append(" <code>")
                        .append(escape(issue.path() == null ? issue.jsonPointer() : issue.path()))
                        .append("</code>: ")
                        .append(escape(issue.message()));
                if (issue.fix() != null) {
                    html.append("<br><em>Fix:</em> ").append(escape(issue.fix()));
                }
                html.append("</td></tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void findings(StringBuilder html, GateInputs inputs) {
        if (inputs.findings().isEmpty() || inputs.findings().get().findings().isEmpty()) {
            return;
        }
        html.append("<h2>Findings</h2>\n<ul id=\"findings\">\n");
        for (Finding f : inputs.findings().get().findings()) {
            html.append("<li><strong>")
                    .append(escape(f.severity()))
                    .append("</strong> <code>")
                    .append(escape(f.code()))
                    .append("</code> ")
                    .append(escape(f.file()))
                    .append(f.line() > 0 ? ":" + f.line() : "")
                    .append(": ")
                    .append(escape(f.message()))
                    .append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void failsafe(StringBuilder html, GateInputs inputs) {
        if (inputs.failsafe().isEmpty()) {
            return;
        }
        FailsafeSummary s = inputs.failsafe().get();
        html.append("<h2>Integration tests</h2>\n<p id=\"failsafe\">")
                .append(s.completed())
                .append(" run, ")
                .append(s.failures())
                .append(" failed, ")
                .append(s.errors())
                .append(" errored, ")
                .append(s.skipped())
                .append(" skipped (failsafe).</p>\n");
    }
}
