package dev.eventcontracts.plugin.schemas;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code check-compatibility} (and {@code register}) were told; {@code null} means default.
 *
 * @param projectDirectory the project base directory
 * @param buildDirectory {@code target/}
 * @param schemaDirectory the schemas; default {@code src/main/avro}
 * @param level the global level; default {@link #DEFAULT_LEVEL}
 * @param subjects per-file subject names and per-subject levels
 * @param registry the registry; default the file store in {@code src/main/registry}
 */
public record CheckConfig(
        Path projectDirectory,
        Path buildDirectory,
        Path schemaDirectory,
        String level,
        List<SubjectRule> subjects,
        RegistrySelection registry) {

    /** The level applied to subjects without their own (Apicurio's and Confluent's default too). */
    public static final String DEFAULT_LEVEL = "BACKWARD";

    /** The default schema directory, relative to the project. */
    public static final String DEFAULT_SCHEMA_DIRECTORY = "src/main/avro";

    /** The default committed registry file store, relative to the project. */
    public static final String DEFAULT_REGISTRY_DIRECTORY = "src/main/registry";

    /** Fills in defaults. */
    public CheckConfig {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        schemaDirectory =
                schemaDirectory == null ? projectDirectory.resolve(DEFAULT_SCHEMA_DIRECTORY) : schemaDirectory;
        level = level == null || level.isBlank() ? DEFAULT_LEVEL : level;
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        registry = registry == null ? RegistrySelection.defaults(projectDirectory) : registry;
    }

    /** {@code target/event-contracts/compatibility.json}, read by the {@code verify} gate. */
    public Path resultsFile() {
        return buildDirectory.resolve("event-contracts").resolve("compatibility.json");
    }
}
