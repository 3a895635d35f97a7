package dev.eventcontracts.registry.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One artifact (a subject) with its rules and its versions, oldest first.
 *
 * @param groupId the group, {@code "default"} unless chosen
 * @param artifactId the artifact id, for example {@code orders-value}
 * @param type the artifact type; always {@code AVRO} in this registry
 * @param labels free labels, for search
 * @param properties free key/value properties, for search
 */
public record ArtifactRecord(
        String groupId,
        String artifactId,
        String type,
        Instant createdOn,
        Instant modifiedOn,
        SortedMap<RuleType, String> rules,
        List<String> labels,
        Map<String, String> properties,
        List<VersionRecord> versions) {

    public ArtifactRecord {
        rules = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rules));
        labels = List.copyOf(labels);
        properties = Map.copyOf(properties);
        versions = List.copyOf(versions);
    }

    /** The newest version that is not DISABLED. */
    public Optional<VersionRecord> latest() {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).state() != VersionState.DISABLED) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    /** The version with this name, DISABLED ones included. */
    public Optional<VersionRecord> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** The versions the rules check against: all but DISABLED, oldest first. */
    public List<VersionRecord> enabledVersions() {
        return versions.stream().filter(v -> v.state() != VersionState.DISABLED).toList();
    }

    /** The artifact's name: the latest version's name. */
    public String name() {
        return latest().map(VersionRecord::name).orElse(null);
    }

    /** The artifact's description: the latest version's description. */
    public String description() {
        return latest().map(VersionRecord::description).orElse(null);
    }

    ArtifactRecord withVersions(List<VersionRecord> newVersions, Instant modified) {
        return new ArtifactRecord(
                groupId, artifactId, type, createdOn, modified, rules, labels, properties, newVersions);
    }

    ArtifactRecord withRules(SortedMap<RuleType, String> newRules, Instant modified) {
        return new ArtifactRecord(
                groupId, artifactId, type, createdOn, modified, newRules, labels, properties, versions);
    }
}
