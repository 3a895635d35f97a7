package dev.eventcontracts.plugin.schemas;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which registry the schema goals use: the file store committed in the repository (default), or
 * a remote Apicurio Registry when {@code registryUrl} is set.
 *
 * @param projectDirectory the project base directory
 * @param directory the committed file store; default {@code src/main/registry}
 * @param url a remote Apicurio Registry, or {@code null} for the file store
 * @param groupId the Apicurio group of the subjects; default {@code default}
 * @param username basic-auth user from {@code settings.xml}, or {@code null}
 * @param password basic-auth password (or, without a user, a bearer token), or {@code null}
 */
public record RegistrySelection(
        Path projectDirectory, Path directory, String url, String groupId, String username, String password) {

    /** The Apicurio group used when none is configured. */
    public static final String DEFAULT_GROUP = "default";

    /** Fills in defaults. */
    public RegistrySelection {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        directory = directory == null ? projectDirectory.resolve(CheckConfig.DEFAULT_REGISTRY_DIRECTORY) : directory;
        url = url == null || url.isBlank() ? null : url.trim();
        groupId = groupId == null || groupId.isBlank() ? DEFAULT_GROUP : groupId;
    }

    /** The committed file store in the default place, no remote. */
    public static RegistrySelection defaults(Path projectDirectory) {
        return new RegistrySelection(projectDirectory, null, null, null, null, null);
    }

    /** Whether a remote registry is selected. */
    public boolean remote() {
        return url != null;
    }

    /** The registry for messages and reports: {@code file:<relative dir>} or the URL (never credentials). */
    public String describe() {
        if (remote()) {
            return url;
        }
        Path base = projectDirectory.toAbsolutePath().normalize();
        Path dir = directory.toAbsolutePath().normalize();
        return "file:" + (dir.startsWith(base) ? base.relativize(dir).toString().replace('\\', '/') : dir.toString());
    }

    @Override
    public String toString() {
        return "RegistrySelection[" + describe() + ", group " + groupId + (username != null ? ", user " + username : "")
                + "]";
    }
}
