package dev.eventcontracts.registry.store;

/** What creating an artifact does when the artifact already exists (Apicurio's {@code ifExists}). */
public enum IfExists {
    /** Refuse with {@link RegistryException.Kind#ARTIFACT_ALREADY_EXISTS}. */
    FAIL,
    /** Add a new version, after the rules pass. */
    UPDATE,
    /** Return the latest version unchanged, without any rule check. */
    RETURN,
    /** Return the version with the same content if there is one, otherwise add a new version. */
    RETURN_OR_UPDATE;

    /**
     * Parses an {@code ifExists} query value; {@code null} or empty means {@link #FAIL}.
     *
     * @throws RegistryException of kind {@link RegistryException.Kind#BAD_REQUEST} naming the value
     */
    public static IfExists parse(String text) {
        if (text == null || text.isBlank()) {
            return FAIL;
        }
        for (IfExists value : values()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new RegistryException(
                RegistryException.Kind.BAD_REQUEST,
                "Unknown ifExists value '" + text + "'. Use one of: FAIL, UPDATE, RETURN, RETURN_OR_UPDATE.");
    }
}
