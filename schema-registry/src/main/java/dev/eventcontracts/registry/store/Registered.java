package dev.eventcontracts.registry.store;

/**
 * One version of one artifact, with its content: what a create, a lookup or a search returns.
 *
 * @param content the stored content: the schema, pretty-printed
 */
public record Registered(ArtifactRecord artifact, VersionRecord version, String content) {}
