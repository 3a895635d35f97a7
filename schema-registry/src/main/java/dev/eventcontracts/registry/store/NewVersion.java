package dev.eventcontracts.registry.store;

/**
 * Content offered for a new version, with the optional metadata Apicurio's headers carry.
 *
 * @param content the schema text (required, not blank)
 * @param version a chosen version name, or {@code null} for the next number
 * @param name a display name, or {@code null}
 * @param description a description, or {@code null}
 */
public record NewVersion(String content, String version, String name, String description) {

    /** Content with no chosen version, name or description. */
    public static NewVersion of(String content) {
        return new NewVersion(content, null, null, null);
    }
}
