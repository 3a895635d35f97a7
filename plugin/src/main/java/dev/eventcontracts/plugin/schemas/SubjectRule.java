package dev.eventcontracts.plugin.schemas;

/**
 * One {@code <subjects><subject>} entry: names the subject of a schema file and/or sets the
 * compatibility level of a subject.
 *
 * @param file the schema file relative to the schema directory, e.g. {@code order.avsc}; or
 *     {@code null} to match by subject name
 * @param subject the subject name; {@code null} keeps the default (the record's full name)
 * @param level the level for this subject; {@code null} keeps the global level
 */
public record SubjectRule(String file, String subject, String level) {

    /** Whether this rule applies to a schema file (relative path, {@code /} separated) with this default subject. */
    boolean matches(String relativeFile, String defaultSubject) {
        if (file != null && !file.isBlank()) {
            return file.replace('\\', '/').equals(relativeFile);
        }
        return subject != null && subject.equals(defaultSubject);
    }
}
