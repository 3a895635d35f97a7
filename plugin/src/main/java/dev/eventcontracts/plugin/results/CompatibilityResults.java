package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What {@code check-compatibility} found, written to {@code target/event-contracts/compatibility.json}
 * for the {@code verify} gate (format version 1).
 *
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param registry where the history came from, e.g. {@code file:src/main/registry}
 * @param defaultLevel the level applied to subjects without their own
 * @param registeredVersions how many registered versions the schemas were checked against
 * @param schemas one entry per schema file, sorted by subject
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompatibilityResults(
        int formatVersion, String registry, String defaultLevel, int registeredVersions, List<SchemaCheck> schemas) {

    /** The only format version this plugin writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** Lists null-safe and immutable. */
    public CompatibilityResults {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
    }

    /** The schemas with at least one incompatibility. */
    public List<SchemaCheck> incompatible() {
        return schemas.stream()
                .filter(s -> s.status() == SchemaStatus.INCOMPATIBLE)
                .toList();
    }
}
