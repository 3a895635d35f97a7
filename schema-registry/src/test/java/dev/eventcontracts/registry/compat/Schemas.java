package dev.eventcontracts.registry.compat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Test fixtures: compact schema literals and Avro's own verdict for a level. */
final class Schemas {

    private Schemas() {}

    /** Parses a schema written with single quotes instead of double quotes. */
    static Schema avro(String singleQuoted) {
        return new Schema.Parser().setValidateDefaults(false).parse(singleQuoted.replace('\'', '"'));
    }

    /** A record {@code name} with the given field declarations (single-quoted JSON objects). */
    static Schema record(String name, String... fields) {
        return avro("{'type':'record','name':'" + name + "','namespace':'shop','fields':[" + String.join(",", fields)
                + "]}");
    }

    /**
     * Avro's verdict for a level, computed from {@code SchemaCompatibility.checkReaderWriterCompatibility}
     * alone: BACKWARD reader = new, writer = old; FORWARD the reverse; FULL both; transitive levels
     * against every previous version, the others against the latest.
     */
    static boolean avroSaysCompatible(CompatibilityLevel level, List<Schema> previous, Schema candidate) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return true;
        }
        List<Schema> targets = level.transitive() ? previous : List.of(previous.get(previous.size() - 1));
        for (Schema old : targets) {
            if (level.newReadsOld() && !avroCompatible(candidate, old)) {
                return false;
            }
            if (level.oldReadsNew() && !avroCompatible(old, candidate)) {
                return false;
            }
        }
        return true;
    }

    static boolean avroCompatible(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                        .getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }
}
