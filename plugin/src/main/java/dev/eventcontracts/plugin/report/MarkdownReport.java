package dev.eventcontracts.plugin.report;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.gate.Verdict;
import dev.eventcontracts.plugin.gate.Violation;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.FailsafeSummary;
import dev.eventcontracts.plugin.results.ScenarioStatus;
import dev.eventcontracts.plugin.results.SchemaCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code report.md}: GitHub-flavoured Markdown for a CI job summary (e.g. {@code cat
 * target/event-contracts/report.md >> $GITHUB_STEP_SUMMARY}). Deterministic: no timestamps.
 */
public final class MarkdownReport {

    /** Renders the Markdown. */
    public String render(String projectName, GateInputs inputs, Verdict verdict) {
        StringBuilder md = new StringBuilder();
        String label = !verdict.red()
                ? "✅ gate passed"
                : verdict.failsBuild() ? "❌ gate failed" : "⚠️ gate failed (not enforced)";
        md.append("## event-contracts: ")
                .append(cell(projectName))
                .append(" — ")
                .append(label)
                .append("\n\n");
        md.append(verdict.summaryLine()).append("\n");
        if (!verdict.violations().isEmpty()) {
            md.append("\n### Violations\n\n");
            for (Violation v : verdict.violations()) {
                md.append("- **")
                        .append(v.severity())
                        .append("** ")
                        .append(v.toLine())
                        .append("\n");
            }
        }
        if (!inputs.contracts().isEmpty()) {
            Columns columns = Columns.of(inputs.contracts());
            md.append("\n### Consumers × scenarios\n\n| consumer | DLQ |");
            columns.columns()
                    .forEach(c -> md.append(' ').append(cell(c.header())).append(" |"));
            md.append("\n|---|---|");
            columns.columns().forEach(c -> md.append(":-:|"));
            md.append("\n");
            for (ContractResult contract : inputs.contracts()) {
                md.append("| `")
                        .append(cell(contract.consumer()))
                        .append(contract.kafka() ? "` (" + cell(contract.brokerLabel()) + ") | " : "` | ")
                        .append(
                                contract.deadLetterQueue() == null
                                        ? "**none**"
                                        : "`" + cell(contract.deadLetterQueue()) + "`")
                        .append(" |");
                for (Columns.Column column : columns.columns()) {
                    md.append(' ')
                            .append(Columns.cell(contract, column)
                                    .map(r -> Symbols.of(r.status() == null ? ScenarioStatus.ERROR : r.status()))
                                    .orElse("·"))
                            .append(" |");
                }
                md.append("\n");
            }
            md.append("\n")
                    .append(columns.columns().stream()
                            .map(c -> c.header() + " = " + c.id())
                            .collect(Collectors.joining(", ")))
                    .append(". ✓ passed, ✗ failed, ! error, – skipped, · not run.\n")
                    .append(brokers(inputs.contracts()));
        }
        if (inputs.compatibility().isPresent()) {
            md.append(
                    "\n### Schemas\n\n| subject | file | level | checked against | verdict |\n|---|---|---|---|---|\n");
            for (SchemaCheck check : inputs.compatibility().get().schemas()) {
                md.append("| `")
                        .append(cell(check.subject()))
                        .append("` | `")
                        .append(cell(check.file()))
                        .append("` | ")
                        .append(cell(check.level()))
                        .append(" | ")
                        .append(
                                check.versionsChecked().isEmpty()
                                        ? "—"
                                        : check.versionsChecked().stream()
                                                .map(v -> "v" + v)
                                                .collect(Collectors.joining(", ")))
                        .append(" | ")
                        .append(check.status())
                        .append(" |\n");
            }
        }
        inputs.canIDeploy().ifPresent(results -> CanIDeploySection.markdown(md, results));
        if (inputs.failsafe().isPresent()) {
            FailsafeSummary s = inputs.failsafe().get();
            md.append("\n### Integration tests\n\n")
                    .append(s.completed())
                    .append(" run, ")
                    .append(s.failures())
                    .append(" failed, ")
                    .append(s.errors())
                    .append(" errored, ")
                    .append(s.skipped())
                    .append(" skipped (failsafe).\n");
        }
        return md.toString();
    }

    /** Which brokers ran the scenarios, e.g. {@code Scenarios ran on: AMQP harness (2), embedded Kafka (1).} */
    private static String brokers(List<ContractResult> contracts) {
        Map<String, Long> counts = contracts.stream()
                .collect(Collectors.groupingBy(
                        ContractResult::brokerLabel, java.util.TreeMap::new, Collectors.counting()));
        return "Scenarios ran on: "
                + counts.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .collect(Collectors.joining(", "))
                + ".\n";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
