package dev.eventcontracts.registry.compat;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking a new schema against previous versions: every incompatibility found,
 * not only the first. Transitive levels aggregate the incompatibilities of every previous version.
 *
 * @param level the level that was checked
 * @param schemaName the full name of the new schema (its type name when it is not a named type)
 * @param checkedVersions the previous versions the new schema was checked against, oldest first
 *     (empty for {@link CompatibilityLevel#NONE} or when there is no previous version)
 * @param incompatibilities every incompatibility, ordered by version, then direction (new reads
 *     old first), then Avro's order within the schema; schema errors (version 0) come first
 */
public record CompatibilityReport(
        CompatibilityLevel level,
        String schemaName,
        List<Integer> checkedVersions,
        List<Incompatibility> incompatibilities) {

    /** Copies the lists so the report is immutable. */
    public CompatibilityReport {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(schemaName, "schemaName");
        checkedVersions = List.copyOf(checkedVersions);
        incompatibilities = List.copyOf(incompatibilities);
    }

    /** Whether the new schema may be registered under the level: no incompatibility was found. */
    public boolean compatible() {
        return incompatibilities.isEmpty();
    }

    /** The incompatibilities against one previous version (version 0: schema errors). */
    public List<Incompatibility> incompatibilitiesWith(int version) {
        return incompatibilities.stream().filter(i -> i.version() == version).toList();
    }

    /**
     * One line for logs and HTTP error messages, e.g. {@code Schema 'shop.OrderPlaced' is not
     * BACKWARD compatible with v2: 1 incompatibility.}
     */
    public String summary() {
        return ReportRenderer.summary(this);
    }

    /** The report for people: a summary line, then each incompatibility with its fix. */
    public String toText() {
        return ReportRenderer.text(this);
    }

    /**
     * The report for machines, as pretty-printed JSON with stable field names: {@code level},
     * {@code schemaName}, {@code compatible}, {@code checkedVersions}, {@code incompatibilities[]}
     * with {@code kind}, {@code version}, {@code direction}, {@code path}, {@code jsonPointer},
     * {@code message}, {@code fix}. See {@code docs/compatibility.md}.
     */
    public String toJson() {
        return ReportRenderer.json(this);
    }
}
