package dev.eventcontracts.registry.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole registry in memory, with indexes, and the set of changes not yet written. Not
 * thread-safe: a {@link Storage} guards it.
 */
final class RegistryState {

    long revision;
    long nextGlobalId = 1;
    long nextContentId = 1;
    final SortedMap<RuleType, String> globalRules = new TreeMap<>();
    final SortedMap<ArtifactKey, ArtifactRecord> artifacts = new TreeMap<>();
    final Map<Long, String> contentById = new HashMap<>();
    final Map<String, Long> contentIdByHash = new HashMap<>();
    final Map<Long, ArtifactKey> artifactByGlobalId = new HashMap<>();

    final Set<ArtifactKey> dirtyArtifacts = new HashSet<>();
    boolean dirtyGlobal;

    /** Adds or replaces an artifact and indexes its versions. */
    void put(ArtifactRecord artifact) {
        ArtifactKey key = ArtifactKey.of(artifact);
        artifacts.put(key, artifact);
        for (VersionRecord version : artifact.versions()) {
            artifactByGlobalId.put(version.globalId(), key);
            nextGlobalId = Math.max(nextGlobalId, version.globalId() + 1);
            nextContentId = Math.max(nextContentId, version.contentId() + 1);
        }
        dirtyArtifacts.add(key);
    }

    void remove(ArtifactKey key) {
        ArtifactRecord removed = artifacts.remove(key);
        if (removed != null) {
            removed.versions().forEach(v -> artifactByGlobalId.remove(v.globalId()));
        }
        dirtyArtifacts.add(key);
    }

    /** Registers content (already pretty-printed) and returns its id, reusing the id of equal content. */
    long contentId(String pretty, String hash) {
        Long existing = contentIdByHash.get(hash);
        if (existing != null) {
            return existing;
        }
        long id = nextContentId++;
        contentIdByHash.put(hash, id);
        contentById.put(id, pretty);
        dirtyGlobal = true;
        return id;
    }

    long nextGlobalId() {
        dirtyGlobal = true;
        return nextGlobalId++;
    }

    void clearDirty() {
        dirtyArtifacts.clear();
        dirtyGlobal = false;
    }
}
