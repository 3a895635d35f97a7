package dev.eventcontracts.registry.compat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A schema registry compatibility level, with the meaning Apicurio and Confluent give it.
 *
 * <p>BACKWARD: the new schema reads data written with the latest previous version. FORWARD: the
 * latest previous version reads data written with the new schema. FULL: both. The {@code
 * _TRANSITIVE} variants check against every previous version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Whether the new schema must be able to read data written with previous versions. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** Whether previous versions must be able to read data written with the new schema. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Whether the check runs against every previous version rather than only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * Parses a level name case-insensitively, accepting {@code -} for {@code _}.
     *
     * @throws IllegalArgumentException naming the value and the accepted levels
     */
    public static CompatibilityLevel parse(String text) {
        String normalized =
                text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CompatibilityLevel level : values()) {
            if (level.name().equals(normalized)) {
                return level;
            }
        }
        String accepted = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("Unknown compatibility level '" + text + "'. Use one of: " + accepted + ".");
    }
}
