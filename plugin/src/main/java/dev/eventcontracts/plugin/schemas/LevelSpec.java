package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code <level>} as written: one history level, {@code CONSUMERS}, or both joined by {@code
 * ,} or {@code +} (e.g. {@code BACKWARD+CONSUMERS}). {@code CONSUMERS} alone checks only the
 * registered consumer readers (history level {@code NONE}). See {@code docs/compatibility.md}.
 *
 * @param historyLevel the level checked against the subject's history, e.g. {@code BACKWARD}
 * @param consumers whether the registered consumer readers are checked too
 */
public record LevelSpec(String historyLevel, boolean consumers) {

    /** The level name that checks the consumer readers. */
    public static final String CONSUMERS = "CONSUMERS";

    /**
     * Parses a level; a blank one is {@link CheckConfig#DEFAULT_LEVEL}.
     *
     * @throws InvalidParameterException for two history levels
     */
    public static LevelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            return new LevelSpec(CheckConfig.DEFAULT_LEVEL, false);
        }
        boolean consumers = false;
        List<String> history = new ArrayList<>();
        for (String part : text.split("[,+]")) {
            String level = part.trim();
            if (level.toUpperCase(Locale.ROOT).equals(CONSUMERS)) {
                consumers = true;
            } else if (!level.isEmpty()) {
                history.add(level);
            }
        }
        if (history.size() > 1) {
            throw new InvalidParameterException(
                    "<level>",
                    "eventcontracts.level",
                    text,
                    "give at most one history level, optionally with CONSUMERS (e.g. <level>BACKWARD+CONSUMERS</level>).");
        }
        return new LevelSpec(
                history.isEmpty() ? (consumers ? "NONE" : CheckConfig.DEFAULT_LEVEL) : history.get(0), consumers);
    }

    /** The level as users wrote it, normalized, e.g. {@code BACKWARD+CONSUMERS} or {@code CONSUMERS}. */
    public String display() {
        if (!consumers) {
            return historyLevel;
        }
        return historyLevel.equalsIgnoreCase("NONE") ? CONSUMERS : historyLevel + "+" + CONSUMERS;
    }
}
