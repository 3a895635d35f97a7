package dev.eventcontracts.registry.store;

import java.time.Instant;

/**
 * One version of an artifact.
 *
 * @param version the version name, {@code "1"}, {@code "2"}, … unless the caller chose one
 * @param globalId unique across the registry, one per version
 * @param contentId shared by every version with the same content
 * @param contentHash SHA-256 (hex) of the stored, pretty-printed content
 */
public record VersionRecord(
        String version,
        long globalId,
        long contentId,
        String contentHash,
        VersionState state,
        Instant createdOn,
        String name,
        String description) {}
