package dev.eventcontracts.registry.store;

import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.compat.VersionedSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The registry's state and its rules: artifacts (subjects) with versions, global and artifact
 * rules, ids as Apicurio Registry assigns them. Backed by memory or by a directory of files
 * ({@link #open(Path)}). Thread-safe; a file store is also safe across processes.
 */
public final class RegistryStore implements AutoCloseable {

    /** The group Apicurio uses when none is given. */
    public static final String DEFAULT_GROUP = "default";

    private final Storage storage;
    private final Clock clock;
    private final RuleEnforcer rules;
    private final Map<Long, Schema> schemaCache = new ConcurrentHashMap<>();

    private RegistryStore(Storage storage, Clock clock, CompatibilityChecker checker) {
        this.storage = storage;
        this.clock = clock;
        this.rules = new RuleEnforcer(checker);
    }

    /** A registry in memory, gone when closed. */
    public static RegistryStore inMemory() {
        return inMemory(Clock.systemUTC());
    }

    /** A registry in memory with the given clock for creation times. */
    public static RegistryStore inMemory(Clock clock) {
        return new RegistryStore(new MemoryStorage(), clock, new CompatibilityChecker());
    }

    /**
     * Opens (creating if needed) a file store in a directory.
     *
     * @throws RegistryException of kind STORAGE naming the file when a file is corrupt or was edited
     */
    public static RegistryStore open(Path directory) {
        return open(directory, Clock.systemUTC());
    }

    /** Opens a file store with the given clock for creation times. */
    public static RegistryStore open(Path directory, Clock clock) {
        return new RegistryStore(new FileStorage(directory, Duration.ofSeconds(30)), clock, new CompatibilityChecker());
    }

    /** Where the state lives, for messages. */
    public String describe() {
        return storage.describe();
    }

    /**
     * Creates an artifact with its first version, or handles an existing one as {@code ifExists} says.
     *
     * @param artifactId the id, or {@code null}/blank for a generated UUID
     * @param artifactType {@code null} or {@code AVRO}
     * @param canonical with {@link IfExists#RETURN_OR_UPDATE}: match by canonical form rather than by text
     */
    public Registered create(
            String groupId,
            String artifactId,
            String artifactType,
            NewVersion content,
            IfExists ifExists,
            boolean canonical) {
        String group = Arguments.checkGroup(groupId);
        String id = artifactId == null || artifactId.isBlank()
                ? UUID.randomUUID().toString()
                : Arguments.checkId(artifactId);
        Arguments.checkType(artifactType);
        SchemaText text = Arguments.text(content.content());
        ArtifactKey key = new ArtifactKey(group, id);
        return storage.write(state -> {
            ArtifactRecord existing = state.artifacts.get(key);
            if (existing == null) {
                rules.enforce(key.toString(), state.globalRules, text, List.of());
                Instant now = now();
                ArtifactRecord empty = new ArtifactRecord(
                        group, id, "AVRO", now, now, new TreeMap<>(), List.of(), Map.of(), List.of());
                return addVersion(state, empty, content, text, now);
            }
            switch (ifExists) {
                case RETURN:
                    return latest(state, key);
                case RETURN_OR_UPDATE:
                    Optional<Registered> same = findByContent(state, existing, text, canonical);
                    if (same.isPresent()) {
                        return same.get();
                    }
                    return update(state, existing, content, text);
                case UPDATE:
                    return update(state, existing, content, text);
                default:
                    throw new RegistryException(
                            RegistryException.Kind.ARTIFACT_ALREADY_EXISTS,
                            "An artifact with ID '" + id + "' in group '" + group
                                    + "' already exists. Use ifExists=UPDATE"
                                    + " to add a version, or RETURN_OR_UPDATE to reuse an equal one.");
            }
        });
    }

    /** Adds a version to an existing artifact, after its rules pass. */
    public Registered addVersion(String groupId, String artifactId, NewVersion content) {
        ArtifactKey key = key(groupId, artifactId);
        SchemaText text = Arguments.text(content.content());
        return storage.write(state -> update(state, artifact(state, key), content, text));
    }

    /** Runs the rules that an update would run, without storing anything. */
    public void testUpdate(String groupId, String artifactId, String content) {
        ArtifactKey key = key(groupId, artifactId);
        SchemaText text = Arguments.text(content);
        storage.read(state -> {
            ArtifactRecord artifact = artifact(state, key);
            rules.enforce(key.toString(), rulesInForce(state, artifact), text, history(state, artifact));
            return null;
        });
    }

    /**
     * Checks a candidate against the enabled history of an artifact at the given level; an unknown
     * artifact has no history, so any candidate is compatible.
     */
    public CompatibilityReport check(String groupId, String artifactId, Schema candidate, CompatibilityLevel level) {
        ArtifactKey key = key(groupId, artifactId);
        List<VersionedSchema> history = storage.read(state -> {
            ArtifactRecord artifact = state.artifacts.get(key);
            return artifact == null ? List.<VersionedSchema>of() : history(state, artifact);
        });
        return rules.checker().checkVersions(level, history, candidate);
    }

    /** The compatibility level an update of this artifact is checked with, if any rule sets one. */
    public Optional<CompatibilityLevel> compatibilityInForce(String groupId, String artifactId) {
        ArtifactKey key = key(groupId, artifactId);
        return storage.read(state -> {
            ArtifactRecord artifact = state.artifacts.get(key);
            Map<RuleType, String> inForce = artifact == null ? state.globalRules : rulesInForce(state, artifact);
            return Optional.ofNullable(inForce.get(RuleType.COMPATIBILITY)).map(CompatibilityLevel::parse);
        });
    }

    /** The artifact with all its versions. */
    public ArtifactRecord artifact(String groupId, String artifactId) {
        ArtifactKey key = key(groupId, artifactId);
        return storage.read(state -> artifact(state, key));
    }

    /** The artifact, or empty when it does not exist. */
    public Optional<ArtifactRecord> findArtifact(String groupId, String artifactId) {
        ArtifactKey key = key(groupId, artifactId);
        return storage.read(state -> Optional.ofNullable(state.artifacts.get(key)));
    }

    /** The latest enabled version of an artifact, with its content. */
    public Registered latest(String groupId, String artifactId) {
        ArtifactKey key = key(groupId, artifactId);
        return storage.read(state -> latest(state, key));
    }

    /** One version of an artifact, with its content; DISABLED versions are not found. */
    public Registered version(String groupId, String artifactId, String version) {
        ArtifactKey key = key(groupId, artifactId);
        return storage.read(state -> {
            ArtifactRecord artifact = artifact(state, key);
            VersionRecord found = artifact.version(version)
                    .filter(v -> v.state() != VersionState.DISABLED)
                    .orElseThrow(() -> new RegistryException(
                            RegistryException.Kind.VERSION_NOT_FOUND,
                            "No version '" + version + "' found for artifact with ID '" + key.artifactId()
                                    + "' in group '" + key.groupId() + "'. Versions: "
                                    + artifact.versions().stream()
                                            .map(VersionRecord::version)
                                            .toList() + "."));
            return new Registered(artifact, found, state.contentById.get(found.contentId()));
        });
    }

    /** Every enabled version of an artifact with content, oldest first; empty for an unknown artifact. */
    public List<Registered> history(String groupId, String artifactId) {
        ArtifactKey key = key(groupId, artifactId);
        return storage.read(state -> {
            ArtifactRecord artifact = state.artifacts.get(key);
            if (artifact == null) {
                return List.<Registered>of();
            }
            return artifact.enabledVersions().stream()
                    .map(v -> new Registered(artifact, v, state.contentById.get(v.contentId())))
                    .toList();
        });
    }

    /** The version with this global id, with its content. */
    public Registered byGlobalId(long globalId) {
        return storage.read(state -> {
            ArtifactKey key = state.artifactByGlobalId.get(globalId);
            ArtifactRecord artifact = key == null ? null : state.artifacts.get(key);
            Optional<VersionRecord> version = artifact == null
                    ? Optional.empty()
                    : artifact.versions().stream()
                            .filter(v -> v.globalId() == globalId && v.state() != VersionState.DISABLED)
                            .findFirst();
            if (version.isEmpty()) {
                throw new RegistryException(
                        RegistryException.Kind.ARTIFACT_NOT_FOUND,
                        "No artifact with global ID '" + globalId + "' was found.");
            }
            return new Registered(
                    artifact, version.get(), state.contentById.get(version.get().contentId()));
        });
    }

    /** The content with this content id. */
    public String contentById(long contentId) {
        return storage.read(state -> Optional.ofNullable(state.contentById.get(contentId))
                .orElseThrow(() -> new RegistryException(
                        RegistryException.Kind.CONTENT_NOT_FOUND,
                        "No content with id/hash 'contentId-" + contentId + "' was found.")));
    }

    /** The content whose SHA-256 (of the stored, pretty-printed form) is this hex string. */
    public String contentByHash(String hash) {
        return storage.read(state -> Optional.ofNullable(state.contentIdByHash.get(hash))
                .map(state.contentById::get)
                .orElseThrow(() -> new RegistryException(
                        RegistryException.Kind.CONTENT_NOT_FOUND,
                        "No content with id/hash '" + hash + "' was found.")));
    }

    /** The newest version of an artifact with the same content (or canonical form). */
    public Registered findByContent(String groupId, String artifactId, String content, boolean canonical) {
        ArtifactKey key = key(groupId, artifactId);
        SchemaText text = Arguments.text(content);
        return storage.read(state -> findByContent(state, artifact(state, key), text, canonical)
                .orElseThrow(() -> new RegistryException(
                        RegistryException.Kind.ARTIFACT_NOT_FOUND,
                        "No version of artifact with ID '" + key.artifactId() + "' in group '" + key.groupId()
                                + "' has this content.")));
    }

    /** Artifacts matching a query, each with its latest version. */
    public SearchPage search(SearchQuery query) {
        return storage.read(state -> Search.run(state, query));
    }

    /** Every artifact of a group, by id. */
    public List<ArtifactRecord> artifacts(String groupId) {
        String group = Arguments.checkGroup(groupId);
        return storage.read(state -> state.artifacts.values().stream()
                .filter(a -> a.groupId().equals(group))
                .toList());
    }

    /** Deletes an artifact with all its versions and rules. */
    public void deleteArtifact(String groupId, String artifactId) {
        ArtifactKey key = key(groupId, artifactId);
        storage.write(state -> {
            artifact(state, key);
            state.remove(key);
            return null;
        });
    }

    /**
     * Deletes one version (the Confluent-compatible API's version delete; Apicurio's own API keeps
     * versions). Deleting the last version deletes the artifact.
     */
    public void deleteVersion(String groupId, String artifactId, String version) {
        ArtifactKey key = key(groupId, artifactId);
        storage.write(state -> {
            ArtifactRecord artifact = artifact(state, key);
            if (artifact.version(version).isEmpty()) {
                throw new RegistryException(
                        RegistryException.Kind.VERSION_NOT_FOUND,
                        "No version '" + version + "' found for artifact with ID '" + key.artifactId() + "' in group '"
                                + key.groupId() + "'.");
            }
            List<VersionRecord> remaining = artifact.versions().stream()
                    .filter(v -> !v.version().equals(version))
                    .toList();
            if (remaining.isEmpty()) {
                state.remove(key);
            } else {
                state.remove(key);
                state.put(artifact.withVersions(remaining, now()));
            }
            return null;
        });
    }

    /** The artifact's own rules. */
    public SortedMap<RuleType, String> artifactRules(String groupId, String artifactId) {
        return artifact(groupId, artifactId).rules();
    }

    /**
     * Creates, replaces or deletes ({@code config == null}) one artifact rule.
     *
     * @param mustExist {@code true}: the rule must exist (update/delete); {@code false}: it must not
     *     (create); {@code null}: either
     */
    public void setArtifactRule(String groupId, String artifactId, RuleType type, String config, Boolean mustExist) {
        ArtifactKey key = key(groupId, artifactId);
        String normalized = config == null ? null : type.normalizeConfig(config);
        storage.write(state -> {
            ArtifactRecord artifact = artifact(state, key);
            SortedMap<RuleType, String> updated = new TreeMap<>(artifact.rules());
            checkRuleExistence(updated, type, mustExist);
            if (normalized == null) {
                updated.remove(type);
            } else {
                updated.put(type, normalized);
            }
            state.put(artifact.withRules(updated, now()));
            return null;
        });
    }

    /** Deletes every rule of an artifact. */
    public void deleteArtifactRules(String groupId, String artifactId) {
        ArtifactKey key = key(groupId, artifactId);
        storage.write(state -> {
            state.put(artifact(state, key).withRules(new TreeMap<>(), now()));
            return null;
        });
    }

    /** The global rules, applied to artifacts that have no rule of their own. */
    public SortedMap<RuleType, String> globalRules() {
        return storage.read(state -> new TreeMap<>(state.globalRules));
    }

    /** Creates, replaces or deletes ({@code config == null}) one global rule; see {@link #setArtifactRule}. */
    public void setGlobalRule(RuleType type, String config, Boolean mustExist) {
        String normalized = config == null ? null : type.normalizeConfig(config);
        storage.write(state -> {
            checkRuleExistence(state.globalRules, type, mustExist);
            if (normalized == null) {
                state.globalRules.remove(type);
            } else {
                state.globalRules.put(type, normalized);
            }
            state.dirtyGlobal = true;
            return null;
        });
    }

    /** Deletes every global rule. */
    public void deleteGlobalRules() {
        storage.write(state -> {
            state.globalRules.clear();
            state.dirtyGlobal = true;
            return null;
        });
    }

    /** Parses the schema of stored content (cached by content id). */
    public Schema schema(Registered registered) {
        return schemaCache.computeIfAbsent(
                registered.version().contentId(), id -> SchemaText.parse(registered.content()));
    }

    @Override
    public void close() {
        storage.close();
    }

    // ---- inside a storage transaction

    private Registered update(RegistryState state, ArtifactRecord artifact, NewVersion content, SchemaText text) {
        rules.enforce(
                ArtifactKey.of(artifact).toString(), rulesInForce(state, artifact), text, history(state, artifact));
        return addVersion(state, artifact, content, text, now());
    }

    private Registered addVersion(
            RegistryState state, ArtifactRecord artifact, NewVersion content, SchemaText text, Instant now) {
        String versionName = content.version();
        if (versionName == null || versionName.isBlank()) {
            int next = artifact.versions().size() + 1;
            for (VersionRecord existing : artifact.versions()) {
                next = Math.max(next, versionNumber(existing, 0) + 1);
            }
            while (artifact.version(String.valueOf(next)).isPresent()) {
                next++;
            }
            versionName = String.valueOf(next);
        } else if (artifact.version(Arguments.checkVersion(versionName)).isPresent()) {
            throw new RegistryException(
                    RegistryException.Kind.VERSION_ALREADY_EXISTS,
                    "Version '" + versionName + "' of artifact with ID '" + artifact.artifactId() + "' in group '"
                            + artifact.groupId() + "' already exists. Choose another X-Registry-Version or omit it.");
        }
        String hash = text.hash();
        long contentId = state.contentId(text.pretty(), hash);
        VersionRecord version = new VersionRecord(
                versionName,
                state.nextGlobalId(),
                contentId,
                hash,
                VersionState.ENABLED,
                now,
                content.name(),
                content.description());
        List<VersionRecord> versions = new ArrayList<>(artifact.versions());
        versions.add(version);
        ArtifactRecord updated = artifact.withVersions(versions, now);
        state.put(updated);
        return new Registered(updated, version, text.pretty());
    }

    private List<VersionedSchema> history(RegistryState state, ArtifactRecord artifact) {
        List<VersionedSchema> history = new ArrayList<>();
        List<VersionRecord> versions = artifact.versions();
        for (int i = 0; i < versions.size(); i++) {
            VersionRecord version = versions.get(i);
            if (version.state() != VersionState.DISABLED) {
                Schema schema = schema(new Registered(artifact, version, state.contentById.get(version.contentId())));
                history.add(new VersionedSchema(versionNumber(version, i + 1), schema));
            }
        }
        return history;
    }

    /** The version's number for reports: its name when numeric, else its position. */
    public static int versionNumber(VersionRecord version, int position) {
        try {
            int number = Integer.parseInt(version.version());
            return number > 0 ? number : position;
        } catch (NumberFormatException e) {
            return position;
        }
    }

    private static Map<RuleType, String> rulesInForce(RegistryState state, ArtifactRecord artifact) {
        return artifact.rules().isEmpty() ? state.globalRules : artifact.rules();
    }

    private Optional<Registered> findByContent(
            RegistryState state, ArtifactRecord artifact, SchemaText text, boolean canonical) {
        List<VersionRecord> versions = artifact.enabledVersions();
        for (int i = versions.size() - 1; i >= 0; i--) {
            VersionRecord version = versions.get(i);
            String content = state.contentById.get(version.contentId());
            boolean same = canonical
                    ? text.canonical() != null
                            && text.canonical()
                                    .equals(schema(new Registered(artifact, version, content))
                                            .toString())
                    : version.contentHash().equals(text.hash());
            if (same) {
                return Optional.of(new Registered(artifact, version, content));
            }
        }
        return Optional.empty();
    }

    private static Registered latest(RegistryState state, ArtifactKey key) {
        ArtifactRecord artifact = artifact(state, key);
        VersionRecord latest = artifact.latest().orElseThrow(() -> notFound(key));
        return new Registered(artifact, latest, state.contentById.get(latest.contentId()));
    }

    private static ArtifactRecord artifact(RegistryState state, ArtifactKey key) {
        ArtifactRecord artifact = state.artifacts.get(key);
        if (artifact == null) {
            throw notFound(key);
        }
        return artifact;
    }

    private static RegistryException notFound(ArtifactKey key) {
        return new RegistryException(
                RegistryException.Kind.ARTIFACT_NOT_FOUND,
                "No artifact with ID '" + key.artifactId() + "' in group '" + key.groupId() + "' was found.");
    }

    private static void checkRuleExistence(Map<RuleType, String> rules, RuleType type, Boolean mustExist) {
        if (Boolean.TRUE.equals(mustExist) && !rules.containsKey(type)) {
            throw new RegistryException(
                    RegistryException.Kind.RULE_NOT_FOUND, "No rule named '" + type + "' was found.");
        }
        if (Boolean.FALSE.equals(mustExist) && rules.containsKey(type)) {
            throw new RegistryException(
                    RegistryException.Kind.RULE_ALREADY_EXISTS, "A rule named '" + type + "' already exists.");
        }
    }

    // ---- argument checks, before any transaction

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static ArtifactKey key(String groupId, String artifactId) {
        return new ArtifactKey(Arguments.checkGroup(groupId), Arguments.checkId(artifactId));
    }
}
