package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.registry.compat.VersionedSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** A registry held in a map, for core tests. */
final class MapHistory implements SubjectRegistry {

    private final Map<String, List<VersionedSchema>> subjects = new HashMap<>();

    MapHistory version(String subject, String schemaJson) {
        List<VersionedSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        versions.add(new VersionedSchema(versions.size() + 1, new Schema.Parser().parse(schemaJson)));
        return this;
    }

    @Override
    public List<VersionedSchema> history(String subject) {
        return subjects.getOrDefault(subject, List.of());
    }

    @Override
    public int register(String subject, Schema schema) {
        List<VersionedSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        versions.add(new VersionedSchema(versions.size() + 1, schema));
        return versions.size();
    }

    @Override
    public String describe() {
        return "memory:test";
    }
}
