package dev.eventcontracts.registry.store;

/** Checks of the ids, types and content a caller passes, before any transaction starts. */
final class Arguments {

    private static final int MAX_ID_LENGTH = 512;

    private Arguments() {}

    static String checkGroup(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            return RegistryStore.DEFAULT_GROUP;
        }
        if (groupId.length() > MAX_ID_LENGTH || groupId.chars().anyMatch(Character::isISOControl)) {
            throw new RegistryException(
                    RegistryException.Kind.INVALID_GROUP_ID,
                    "Invalid group id '" + groupId + "': use at most " + MAX_ID_LENGTH + " printable characters.");
        }
        return groupId;
    }

    static String checkId(String id) {
        if (id == null
                || id.isBlank()
                || id.length() > MAX_ID_LENGTH
                || id.chars().anyMatch(Character::isISOControl)) {
            throw new RegistryException(
                    RegistryException.Kind.INVALID_ARTIFACT_ID,
                    "Invalid id '" + id + "': use 1 to " + MAX_ID_LENGTH + " printable characters.");
        }
        return id;
    }

    /** The longest version string, as Apicurio allows. */
    static final int MAX_VERSION_LENGTH = 256;

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[A-Za-z0-9._+-]+");

    /**
     * A version named by the caller: 1 to 256 of {@code A-Z a-z 0-9 . _ + -}, not only dots (so never
     * {@code ..} or {@code a/b}).
     */
    static String checkVersion(String version) {
        if (version.length() > MAX_VERSION_LENGTH
                || !VERSION.matcher(version).matches()
                || version.chars().allMatch(c -> c == '.')) {
            String shown = version.length() > 80 ? version.substring(0, 80) + "…" : version;
            throw new RegistryException(
                    RegistryException.Kind.BAD_REQUEST,
                    "Invalid version '" + shown + "' (" + version.length() + " characters): use 1 to "
                            + MAX_VERSION_LENGTH + " of the characters A-Z a-z 0-9 . _ + -, not only dots.");
        }
        return version;
    }

    static void checkType(String type) {
        if (type != null && !type.isBlank() && !type.trim().equalsIgnoreCase("AVRO")) {
            throw new RegistryException(
                    RegistryException.Kind.INVALID_ARTIFACT_TYPE,
                    "Artifact type '" + type + "' is not supported: this registry stores Avro schemas only. Send"
                            + " X-Registry-ArtifactType: AVRO or leave it out.");
        }
    }

    static SchemaText text(String content) {
        if (content == null || content.isBlank()) {
            throw new RegistryException(RegistryException.Kind.BAD_REQUEST, "Empty content is not allowed.");
        }
        return SchemaText.of(content);
    }
}
