package dev.eventcontracts.registry.store;

import java.util.Comparator;

/** The coordinates of an artifact: group and id. */
record ArtifactKey(String groupId, String artifactId) implements Comparable<ArtifactKey> {

    private static final Comparator<ArtifactKey> ORDER =
            Comparator.comparing(ArtifactKey::groupId).thenComparing(ArtifactKey::artifactId);

    static ArtifactKey of(ArtifactRecord artifact) {
        return new ArtifactKey(artifact.groupId(), artifact.artifactId());
    }

    @Override
    public int compareTo(ArtifactKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return groupId + "/" + artifactId;
    }
}
