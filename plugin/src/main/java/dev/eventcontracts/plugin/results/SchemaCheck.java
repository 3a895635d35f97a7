package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The compatibility verdict for one schema file and its subject.
 *
 * @param subject the registry subject, e.g. {@code com.example.OrderPlaced}
 * @param file the schema file, relative to the project directory
 * @param level the compatibility level applied
 * @param versionsChecked the registered versions the schema was checked against, oldest first
 * @param status the verdict
 * @param incompatibilities every incompatibility found (empty unless {@link SchemaStatus#INCOMPATIBLE})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaCheck(
        String subject,
        String file,
        String level,
        List<Integer> versionsChecked,
        SchemaStatus status,
        List<SchemaIssue> incompatibilities) {

    /** Lists null-safe and immutable. */
    public SchemaCheck {
        versionsChecked = versionsChecked == null ? List.of() : List.copyOf(versionsChecked);
        incompatibilities = incompatibilities == null ? List.of() : List.copyOf(incompatibilities);
    }
}
