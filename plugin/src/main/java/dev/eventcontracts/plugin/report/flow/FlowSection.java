package dev.eventcontracts.plugin.report.flow;

import static dev.eventcontracts.plugin.report.markup.Html.escape;

import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.ScenarioResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's "Event flow" section (docs/plugin.md): per service an inline SVG of exchanges →
 * queues → consumers → dead-letter queues with each consumer coloured by its verdict, and under it,
 * for each failed or errored scenario, a timeline of what the broker did in the scenario's last run
 * (from the journal in the results). Routes come from {@code asyncapi.yaml}; without it the flow
 * starts at the queues.
 */
public final class FlowSection {

    private final FlowRoutes routes;

    /** A section drawing {@code routes}. */
    public FlowSection(FlowRoutes routes) {
        this.routes = routes;
    }

    /** A section without exchange routes and without a note (no document at hand). */
    public static FlowSection withoutRoutes() {
        return new FlowSection(FlowRoutes.none(null));
    }

    /** A section whose routes come from {@code asyncApiFile}, as {@code generate-asyncapi} wrote it. */
    public static FlowSection reading(Path asyncApiFile) {
        return new FlowSection(FlowRoutes.read(asyncApiFile));
    }

    /** Appends the section; nothing when there are no contract results. */
    public void appendTo(StringBuilder html, List<ContractResult> contracts) {
        if (contracts.isEmpty()) {
            return;
        }
        FlowModel model = FlowModel.of(contracts, routes);
        html.append("<h2>Event flow</h2>\n<section id=\"flow\">\n<p class=\"muted\">Exchange → queue → consumer →"
                + " dead-letter queue. Consumers: green passed, red broken, yellow skipped, grey not run.");
        if (routes.note() != null) {
            html.append(' ').append(escape(routes.note()));
        }
        html.append("</p>\n");
        int index = 0;
        for (FlowModel.Service service : model.services()) {
            html.append("<h3>").append(escape(service.name())).append("</h3>\n");
            html.append(FlowSvg.render(service, index));
            for (FlowModel.Consumer consumer : service.consumers()) {
                for (ScenarioResult broken : consumer.broken()) {
                    timeline(html, consumer, broken, "timeline-" + index + "-" + broken.id());
                }
            }
            index++;
        }
        html.append("</section>\n");
    }

    private static void timeline(StringBuilder html, FlowModel.Consumer consumer, ScenarioResult scenario, String id) {
        html.append("<h4><code>")
                .append(escape(consumer.label()))
                .append("</code> (")
                .append(escape(scenario.letter()))
                .append(") ")
                .append(escape(scenario.id()))
                .append(": ")
                .append(scenario.status())
                .append("</h4>\n");
        if (scenario.message() != null) {
            html.append("<p>").append(escape(scenario.message())).append("</p>\n");
        }
        if (scenario.journal().isEmpty()) {
            html.append("<p class=\"muted\">The results hold no broker journal for this scenario.</p>\n");
        } else {
            html.append(TimelineSvg.render(scenario.journal(), id));
        }
    }
}
