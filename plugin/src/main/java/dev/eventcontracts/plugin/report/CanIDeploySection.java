package dev.eventcontracts.plugin.report;

import static dev.eventcontracts.plugin.report.markup.Html.escape;

import dev.eventcontracts.plugin.results.CanIDeployResults;

/**
 * The can-i-deploy section of {@code report.html} and {@code report.md}: the matrix of deployed
 * counterparts × subject × verdict, then each break with the fix on either side. Absent when
 * {@code can-i-deploy} did not run.
 */
final class CanIDeploySection {

    private CanIDeploySection() {}

    static void markdown(StringBuilder md, CanIDeployResults results) {
        md.append("\n### Can I deploy?\n\n")
                .append(results.deployable() ? "✅ " : "❌ ")
                .append(cell(results.summary()))
                .append("\n");
        if (results.rows().isEmpty()) {
            return;
        }
        md.append("\n| service | version | subject | direction | verdict |\n|---|---|---|---|:-:|\n");
        for (CanIDeployResults.Row row : results.rows()) {
            md.append("| `")
                    .append(cell(row.service()))
                    .append("` | ")
                    .append(cell(row.version()))
                    .append(" | `")
                    .append(cell(row.subject()))
                    .append("` | ")
                    .append(cell(row.direction()))
                    .append(" | ")
                    .append(row.verdict().equals("OK") ? "✓" : "✗ BREAKS")
                    .append(" |\n");
        }
        for (CanIDeployResults.Row row : results.rows()) {
            for (CanIDeployResults.Break b : row.breaks()) {
                md.append("\n- ")
                        .append(cell(b.message()))
                        .append("\n  - consumer fix: ")
                        .append(cell(b.consumerFix()))
                        .append("\n  - producer fix: ")
                        .append(cell(b.producerFix()));
            }
        }
        md.append("\n");
    }

    static void html(StringBuilder html, CanIDeployResults results) {
        html.append("<h2>Can I deploy?</h2>\n<p class=\"")
                .append(results.deployable() ? "PASSED" : "FAILED")
                .append("\">")
                .append(escape(results.summary()))
                .append("</p>\n");
        if (results.rows().isEmpty()) {
            return;
        }
        html.append("<table id=\"can-i-deploy\">\n<thead><tr><th>service</th><th>version</th><th>subject</th>"
                + "<th>direction</th><th>verdict</th></tr></thead>\n<tbody>\n");
        for (CanIDeployResults.Row row : results.rows()) {
            html.append("<tr><td><code>")
                    .append(escape(row.service()))
                    .append("</code></td><td>")
                    .append(escape(row.version()))
                    .append("</td><td><code>")
                    .append(escape(row.subject()))
                    .append("</code></td><td>")
                    .append(escape(row.direction()))
                    .append("</td><td class=\"")
                    .append(row.verdict().equals("OK") ? "COMPATIBLE" : "INCOMPATIBLE")
                    .append("\">")
                    .append(escape(row.verdict()))
                    .append("</td></tr>\n");
            for (CanIDeployResults.Break b : row.breaks()) {
                html.append("<tr><td colspan=\"5\">")
                        .append(escape(b.message()))
                        .append("<br><em>Consumer fix:</em> ")
                        .append(escape(b.consumerFix()))
                        .append("<br><em>Producer fix:</em> ")
                        .append(escape(b.producerFix()))
                        .append("</td></tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
