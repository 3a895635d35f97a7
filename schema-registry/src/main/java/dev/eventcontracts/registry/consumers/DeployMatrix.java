package dev.eventcontracts.registry.consumers;

import java.util.ArrayList;
import java.util.List;

/**
 * The can-i-deploy answer for one service version and one environment: a row per deployed
 * counterpart and shared subject, in both directions, like the Pact Broker's matrix.
 *
 * @param environment the environment, e.g. {@code production}
 * @param service the candidate service
 * @param version the candidate version
 * @param rows sorted by subject, role, service
 */
public record DeployMatrix(String environment, String service, String version, List<DeployRow> rows) {

    /** Copies the list. */
    public DeployMatrix {
        rows = List.copyOf(rows);
    }

    /** Whether every deployed counterpart works with the candidate (also when there is none). */
    public boolean deployable() {
        return rows.stream().allMatch(DeployRow::compatible);
    }

    /** Every break, row by row. */
    public List<ConsumerBreak> breaks() {
        return rows.stream().flatMap(r -> r.breaks().stream()).toList();
    }

    /** One line: {@code can-i-deploy order-svc 2.0.0 to production: no (1 of 3 pairs break)}. */
    public String summary() {
        long broken = rows.stream().filter(r -> !r.compatible()).count();
        return "can-i-deploy " + service + " " + version + " to " + environment + ": "
                + (broken == 0 ? "yes" : "no") + " ("
                + (rows.isEmpty()
                        ? "no deployed service shares a subject"
                        : broken + " of " + rows.size() + (rows.size() == 1 ? " pair breaks" : " pairs break"))
                + ")";
    }

    /** The summary, the matrix as a fixed-width table, and each break with both fixes. */
    public String toText() {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(summary());
        if (!rows.isEmpty()) {
            List<String[]> cells = new ArrayList<>();
            cells.add(new String[] {"SERVICE", "VERSION", "SUBJECT", "DIRECTION", "VERDICT"});
            for (DeployRow row : rows) {
                cells.add(new String[] {row.service(), row.version(), row.subject(), direction(row), row.verdict()});
            }
            int[] widths = new int[5];
            for (String[] line : cells) {
                for (int i = 0; i < 5; i++) {
                    widths[i] = Math.max(widths[i], line[i].length());
                }
            }
            for (String[] line : cells) {
                text.append(nl);
                for (int i = 0; i < 5; i++) {
                    text.append("  ").append(i == 4 ? line[i] : pad(line[i], widths[i]));
                }
            }
        }
        for (ConsumerBreak b : breaks()) {
            text.append(nl).append("- ").append(b.toText());
        }
        return text.toString();
    }

    /** {@code reads our writer} / {@code writes our reader}, as the matrix shows it. */
    public static String direction(DeployRow row) {
        return row.role() == DeployRow.Role.READS_OUR_WRITER ? "reads what we write" : "writes what we read";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
