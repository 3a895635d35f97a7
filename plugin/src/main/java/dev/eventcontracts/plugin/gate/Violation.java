package dev.eventcontracts.plugin.gate;

/**
 * One thing the gate objects to.
 *
 * @param severity how serious
 * @param kind what sort of thing is broken
 * @param subject the consumer, schema subject, finding code or test suite, as users know it
 * @param location where: a scenario, a file, {@code file:line}, or a report directory
 * @param problem what is wrong
 * @param fix what to do about it
 */
public record Violation(Severity severity, Kind kind, String subject, String location, String problem, String fix) {

    /** What sort of thing a violation is about. */
    public enum Kind {
        CONSUMER,
        SCHEMA,
        FINDING,
        TESTS
    }

    /** One line for the build log and the failure message. */
    public String toLine() {
        String where = location == null || location.isBlank() ? "" : " " + location;
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + subject + "'" + where + ": " + problem
                + (fix == null || fix.isBlank() ? "" : " Fix: " + fix);
    }
}
