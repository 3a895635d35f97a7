package dev.eventcontracts.plugin.report.flow;

import static dev.eventcontracts.plugin.report.flow.Svg.shorten;
import static dev.eventcontracts.plugin.report.markup.Html.escape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's flow as inline SVG, four columns left to right: exchanges → queues → consumers →
 * dead-letter queues. Consumers are filled by verdict (green passed, red broken, yellow skipped,
 * grey not run); a consumer without a dead-letter queue points at a dashed red "none" box. No
 * scripts, no external references; full names are in {@code <title>} tooltips.
 */
final class FlowSvg {

    static final String PASSED_FILL = "#dafbe1";
    static final String FAILED_FILL = "#ffebe9";

    private static final int BOX_W = 200;
    private static final int BOX_H = 40;
    private static final int ROW_H = 60;
    private static final int TOP = 30;
    private static final int[] COLUMN_X = {10, 300, 590, 880};
    private static final int WIDTH = 1090;
    private static final int NAME_CHARS = 26;

    private FlowSvg() {}

    static String render(FlowModel.Service service, int index) {
        List<FlowModel.Consumer> consumers = service.consumers();
        int height = TOP + consumers.size() * ROW_H + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\" id=\"flow-")
                .append(index)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"Event flow of ")
                .append(escape(service.name()))
                .append("\" font-family=\"ui-monospace,SFMono-Regular,Menlo,monospace\" font-size=\"11\">\n");
        String[] headers = {"exchange", "queue", "consumer", "dead-letter queue"};
        for (int c = 0; c < headers.length; c++) {
            svg.append("<text x=\"")
                    .append(COLUMN_X[c])
                    .append("\" y=\"16\" fill=\"#57606a\" font-family=\"system-ui,sans-serif\">")
                    .append(headers[c])
                    .append("</text>\n");
        }

        Map<String, Integer> exchangeRows = new LinkedHashMap<>();
        Map<String, Integer> queueRows = new LinkedHashMap<>();
        for (int row = 0; row < consumers.size(); row++) {
            FlowModel.Consumer consumer = consumers.get(row);
            int r = row;
            consumer.route().ifPresent(route -> exchangeRows.putIfAbsent(route.exchange(), r));
            queueRows.putIfAbsent(consumer.queue(), row);
        }

        for (int row = 0; row < consumers.size(); row++) {
            FlowModel.Consumer consumer = consumers.get(row);
            int queueRow = queueRows.get(consumer.queue());
            if (consumer.route().isPresent()) {
                Route route = consumer.route().get();
                edge(svg, 0, exchangeRows.get(route.exchange()), 1, queueRow, route.routingKey(), "#0969da");
            }
            edge(svg, 1, queueRow, 2, row, null, "#57606a");
            edge(
                    svg,
                    2,
                    row,
                    3,
                    row,
                    consumer.deadLetterQueue() == null ? null : "dead-letter",
                    consumer.deadLetterQueue() == null ? "#cf222e" : "#bc4c00");
        }
        exchangeRows.forEach((exchange, row) -> {
            String type = consumers.stream()
                    .flatMap(c -> c.route().stream())
                    .filter(r -> r.exchange().equals(exchange))
                    .map(Route::exchangeType)
                    .findFirst()
                    .orElse("topic");
            box(svg, "exchange", 0, row, "#ddf4ff", "#0969da", exchange, type + " exchange", exchange, false);
        });
        queueRows.forEach(
                (queue, row) -> box(svg, "queue", 1, row, "#f6f8fa", "#57606a", queue, "queue", queue, false));
        for (int row = 0; row < consumers.size(); row++) {
            FlowModel.Consumer consumer = consumers.get(row);
            String[] colours = colours(consumer.outcome());
            String detail = switch (consumer.outcome()) {
                case PASSED -> consumer.passed() + "/" + consumer.total() + " passed";
                case FAILED -> consumer.broken().size() + " of " + consumer.total() + " broken";
                case SKIPPED -> consumer.passed() + "/" + consumer.total() + " passed, rest skipped";
                case NOT_RUN -> "not run";
            };
            svg.append("<g class=\"consumer ")
                    .append(consumer.outcome())
                    .append("\" data-consumer=\"")
                    .append(escape(consumer.id()))
                    .append("\">");
            box(
                    svg,
                    null,
                    2,
                    row,
                    colours[0],
                    colours[1],
                    consumer.label(),
                    detail,
                    consumer.id() + ": " + detail,
                    false);
            svg.append("</g>\n");
            if (consumer.deadLetterQueue() == null) {
                box(
                        svg,
                        "no-dlq",
                        3,
                        row,
                        "#ffffff",
                        "#cf222e",
                        "none",
                        "poison is lost or loops",
                        "no dead-letter queue",
                        true);
            } else {
                box(
                        svg,
                        "dlq",
                        3,
                        row,
                        "#fff1e5",
                        "#bc4c00",
                        consumer.deadLetterQueue(),
                        "dead-letter queue",
                        consumer.deadLetterQueue(),
                        false);
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Fill and stroke of a consumer's box. */
    static String[] colours(FlowModel.Outcome outcome) {
        return switch (outcome) {
            case PASSED -> new String[] {PASSED_FILL, "#1a7f37"};
            case FAILED -> new String[] {FAILED_FILL, "#cf222e"};
            case SKIPPED -> new String[] {"#fff8c5", "#9a6700"};
            case NOT_RUN -> new String[] {"#f6f8fa", "#8c959f"};
        };
    }

    private static void box(
            StringBuilder svg,
            String cls,
            int column,
            int row,
            String fill,
            String stroke,
            String name,
            String detail,
            String tooltip,
            boolean dashed) {
        int x = COLUMN_X[column];
        int y = TOP + row * ROW_H + (ROW_H - BOX_H) / 2;
        svg.append("<g");
        if (cls != null) {
            svg.append(" class=\"").append(cls).append('"');
        }
        svg.append("><title>")
                .append(escape(tooltip))
                .append("</title><rect x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(BOX_W)
                .append("\" height=\"")
                .append(BOX_H)
                .append("\" rx=\"6\" fill=\"")
                .append(fill)
                .append("\" stroke=\"")
                .append(stroke)
                .append("\" stroke-width=\"1.5\"")
                .append(dashed ? " stroke-dasharray=\"5 3\"" : "")
                .append("/><text x=\"")
                .append(x + 8)
                .append("\" y=\"")
                .append(y + 17)
                .append("\" fill=\"#1f2328\">")
                .append(escape(shorten(name, NAME_CHARS)))
                .append("</text><text x=\"")
                .append(x + 8)
                .append("\" y=\"")
                .append(y + 32)
                .append("\" fill=\"#57606a\" font-size=\"10\" font-family=\"system-ui,sans-serif\">")
                .append(escape(shorten(detail, 34)))
                .append("</text></g>\n");
    }

    private static void edge(
            StringBuilder svg, int fromColumn, int fromRow, int toColumn, int toRow, String label, String colour) {
        int x1 = COLUMN_X[fromColumn] + BOX_W;
        int y1 = TOP + fromRow * ROW_H + ROW_H / 2;
        int x2 = COLUMN_X[toColumn] - 2;
        int y2 = TOP + toRow * ROW_H + ROW_H / 2;
        svg.append("<path class=\"edge\" d=\"M")
                .append(x1)
                .append(',')
                .append(y1)
                .append(" C")
                .append((x1 + x2) / 2)
                .append(',')
                .append(y1)
                .append(' ')
                .append((x1 + x2) / 2)
                .append(',')
                .append(y2)
                .append(' ')
                .append(x2)
                .append(',')
                .append(y2)
                .append("\" fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"1.5\"/><path d=\"M")
                .append(x2)
                .append(',')
                .append(y2)
                .append(" l-8,-4 v8 z\" fill=\"")
                .append(colour)
                .append("\"/>\n");
        if (label != null && !label.isEmpty()) {
            svg.append("<text x=\"")
                    .append((x1 + x2) / 2)
                    .append("\" y=\"")
                    .append((y1 + y2) / 2 - 5)
                    .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"")
                    .append(colour)
                    .append("\">")
                    .append(escape(shorten(label, 14)))
                    .append("</text>\n");
        }
    }
}
