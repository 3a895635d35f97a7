package dev.eventcontracts.plugin.asyncapi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code generate-asyncapi} was told; {@code null} means default.
 *
 * @param projectDirectory the project base directory
 * @param buildDirectory {@code target/}
 * @param mainSourceRoots where consumers are; default {@code src/main/java}
 * @param testSourceRoots where fixtures are (read by discovery); default {@code src/test/java}
 * @param classpath jars and class directories: symbol resolution, and {@code SCHEMA$} of payload
 *     classes without an {@code .avsc} file
 * @param schemaDirectories where payload schemas are; default {@code src/main/avro}
 * @param outputFile default {@code target/event-contracts/asyncapi.yaml}
 * @param title {@code info.title}; default the project directory's name
 * @param version {@code info.version}; default {@code 0.0.0}
 */
public record AsyncApiConfig(
        Path projectDirectory,
        Path buildDirectory,
        List<Path> mainSourceRoots,
        List<Path> testSourceRoots,
        List<Path> classpath,
        List<Path> schemaDirectories,
        Path outputFile,
        String title,
        String version) {

    /** Fills in defaults. */
    public AsyncApiConfig {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        mainSourceRoots = orDefault(mainSourceRoots, projectDirectory.resolve("src/main/java"));
        testSourceRoots = orDefault(testSourceRoots, projectDirectory.resolve("src/test/java"));
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
        schemaDirectories = orDefault(schemaDirectories, projectDirectory.resolve("src/main/avro"));
        outputFile =
                outputFile == null ? buildDirectory.resolve("event-contracts").resolve("asyncapi.yaml") : outputFile;
        title = title == null || title.isBlank()
                ? projectDirectory.toAbsolutePath().normalize().getFileName().toString()
                : title;
        version = version == null || version.isBlank() ? "0.0.0" : version;
    }

    private static List<Path> orDefault(List<Path> paths, Path fallback) {
        return paths == null || paths.isEmpty() ? List.of(fallback) : List.copyOf(paths);
    }

    /** A path as users should read it: relative to the project directory when inside it. */
    String display(Path path) {
        Path base = projectDirectory.toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
