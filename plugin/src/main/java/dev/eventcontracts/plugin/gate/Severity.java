package dev.eventcontracts.plugin.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How serious a violation is; the gate fails on violations at or above its threshold. */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    /** Whether this severity is at least {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /**
     * Parses a severity name case-insensitively; {@code WARN} means {@link #WARNING}.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Severity parse(String text) {
        String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (normalized.equals("WARN")) {
            return WARNING;
        }
        for (Severity severity : values()) {
            if (severity.name().equals(normalized)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("Unknown severity '" + text + "'. Use one of: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
    }

    /** Like {@link #parse} but lenient for data written by other tools: unknown names are INFO. */
    static Severity ofFinding(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return INFO;
        }
    }
}
