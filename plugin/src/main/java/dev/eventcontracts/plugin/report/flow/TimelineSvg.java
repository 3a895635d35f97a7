package dev.eventcontracts.plugin.report.flow;

import static dev.eventcontracts.plugin.report.flow.Svg.shorten;
import static dev.eventcontracts.plugin.report.markup.Html.escape;

import dev.eventcontracts.plugin.results.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A failing scenario's journal as a small inline SVG timeline: one lane per message, the broker's
 * events left to right in the order they happened — each delivery marked with its outcome (A
 * acked, R rejected, Q requeued, L ack lost, H held back) and attempt number, each dead-lettered
 * copy as a square D.
 */
final class TimelineSvg {

    private static final int LABEL_W = 140;
    private static final int STEP = 30;
    private static final int LANE_H = 30;
    private static final int TOP = 8;
    private static final int MAX_LANES = 8;

    private static final Map<String, String[]> STYLE = Map.of(
            "ACKED", new String[] {"A", "#1a7f37", "acked"},
            "REJECTED", new String[] {"R", "#cf222e", "rejected"},
            "REQUEUED", new String[] {"Q", "#9a6700", "requeued"},
            "ACK_LOST", new String[] {"L", "#8250df", "ack lost"},
            "HELD", new String[] {"H", "#57606a", "ack held"},
            "DEAD_LETTERED", new String[] {"D", "#bc4c00", "dead-lettered"});
    private static final String[] UNKNOWN = {"?", "#8c959f", "unknown"};

    private TimelineSvg() {}

    static String render(List<ScenarioResult.JournalEvent> journal, String id) {
        List<String> lanes = new ArrayList<>();
        for (ScenarioResult.JournalEvent e : journal) {
            String message = String.valueOf(e.messageId());
            if (!lanes.contains(message) && lanes.size() < MAX_LANES) {
                lanes.add(message);
            }
        }
        List<ScenarioResult.JournalEvent> shown = journal.stream()
                .filter(e -> lanes.contains(String.valueOf(e.messageId())))
                .toList();
        int width = LABEL_W + Math.max(1, shown.size()) * STEP + 20;
        int legendY = TOP + lanes.size() * LANE_H + 14;
        int height = legendY + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" id=\"")
                .append(escape(id))
                .append("\" width=\"")
                .append(Math.max(width, 780))
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"Broker journal of the scenario\" font-size=\"11\""
                        + " font-family=\"ui-monospace,SFMono-Regular,Menlo,monospace\">\n");
        for (int lane = 0; lane < lanes.size(); lane++) {
            int y = TOP + lane * LANE_H + LANE_H / 2;
            svg.append("<text x=\"4\" y=\"")
                    .append(y + 4)
                    .append("\" fill=\"#57606a\"><title>")
                    .append(escape(lanes.get(lane)))
                    .append("</title>")
                    .append(escape(shorten(lanes.get(lane), 18)))
                    .append("</text><line x1=\"")
                    .append(LABEL_W - 6)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(width - 10)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\" stroke=\"#d0d7de\"/>\n");
        }
        for (int i = 0; i < shown.size(); i++) {
            ScenarioResult.JournalEvent e = shown.get(i);
            String[] style = STYLE.getOrDefault(e.outcome(), UNKNOWN);
            int x = LABEL_W + i * STEP + STEP / 2;
            int y = TOP + lanes.indexOf(String.valueOf(e.messageId())) * LANE_H + LANE_H / 2;
            boolean deadLetter = "DEAD_LETTERED".equals(e.outcome());
            String tip = deadLetter
                    ? "message " + e.messageId() + ": dead-lettered"
                    : "message " + e.messageId() + ": delivery " + e.attempt() + " to instance " + e.instance()
                            + (e.redelivered() ? " (redelivered)" : "") + ", " + style[2];
            svg.append("<g class=\"event ")
                    .append(escape(String.valueOf(e.outcome())))
                    .append("\"><title>")
                    .append(escape(tip))
                    .append("</title>");
            if (deadLetter) {
                svg.append("<rect x=\"")
                        .append(x - 10)
                        .append("\" y=\"")
                        .append(y - 10)
                        .append("\" width=\"20\" height=\"20\" rx=\"2\" fill=\"")
                        .append(style[1])
                        .append("\"/>");
            } else {
                svg.append("<circle cx=\"")
                        .append(x)
                        .append("\" cy=\"")
                        .append(y)
                        .append("\" r=\"10\" fill=\"")
                        .append(style[1])
                        .append("\"")
                        .append(e.redelivered() ? " stroke=\"#1f2328\" stroke-width=\"2\"" : "")
                        .append("/>");
            }
            svg.append("<text x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"600\">")
                    .append(style[0])
                    .append(deadLetter || e.attempt() <= 1 ? "" : e.attempt())
                    .append("</text></g>\n");
        }
        svg.append("<text x=\"4\" y=\"")
                .append(legendY)
                .append("\" fill=\"#57606a\" font-family=\"system-ui,sans-serif\" font-size=\"10\">")
                .append("A acked · R rejected · Q requeued · L ack lost · H ack held · D dead-lettered;"
                        + " the number is the attempt, a dark ring marks redelivered=true")
                .append(journal.size() > shown.size() ? "; " + (journal.size() - shown.size()) + " more not shown" : "")
                .append("</text>\n</svg>\n");
        return svg.toString();
    }
}
