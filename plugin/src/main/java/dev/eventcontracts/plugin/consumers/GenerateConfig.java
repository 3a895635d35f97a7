package dev.eventcontracts.plugin.consumers;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.schemas.RegistrySelection;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code generate-contract-tests} was told; {@code null} means default.
 *
 * @param projectDirectory the project base directory
 * @param buildDirectory {@code target/}
 * @param mainSourceRoots where consumers are; default {@code src/main/java}
 * @param testSourceRoots where fixtures are; default {@code src/test/java}
 * @param classpath jars and class directories for symbol resolution
 * @param schemaDirectories where payload schemas are; default {@code src/main/avro}
 * @param outputDirectory where tests go; default {@code target/generated-test-sources/event-contracts}
 * @param failOnFindings the lowest finding severity that fails the build ({@code ERROR},
 *     {@code WARNING}, {@code INFO}) or {@code NONE}; default {@code ERROR}
 * @param registry the registry whose registered versions of each payload subject scenario (n)
 *     tries; default: the file store {@code src/main/registry}, group {@code default}
 */
public record GenerateConfig(
        Path projectDirectory,
        Path buildDirectory,
        List<Path> mainSourceRoots,
        List<Path> testSourceRoots,
        List<Path> classpath,
        List<Path> schemaDirectories,
        Path outputDirectory,
        String failOnFindings,
        RegistrySelection registry) {

    /** Fills in defaults. */
    public GenerateConfig {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        mainSourceRoots = orDefault(mainSourceRoots, projectDirectory.resolve("src/main/java"));
        testSourceRoots = orDefault(testSourceRoots, projectDirectory.resolve("src/test/java"));
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
        schemaDirectories = orDefault(schemaDirectories, projectDirectory.resolve("src/main/avro"));
        outputDirectory = outputDirectory == null
                ? buildDirectory.resolve("generated-test-sources").resolve("event-contracts")
                : outputDirectory;
        String threshold = failOnFindings == null || failOnFindings.isBlank()
                ? "ERROR"
                : failOnFindings.trim().toUpperCase(Locale.ROOT);
        if (!List.of("ERROR", "WARNING", "INFO", "NONE").contains(threshold)) {
            throw new InvalidParameterException(
                    "<failOnFindings>",
                    "eventcontracts.failOnFindings",
                    failOnFindings,
                    "use ERROR, WARNING, INFO or NONE (e.g. <failOnFindings>WARNING</failOnFindings>).");
        }
        failOnFindings = threshold;
        registry = registry == null ? RegistrySelection.defaults(projectDirectory) : registry;
    }

    private static List<Path> orDefault(List<Path> paths, Path fallback) {
        return paths == null || paths.isEmpty() ? List.of(fallback) : List.copyOf(paths);
    }

    /** {@code target/event-contracts/writers}: the registered writer versions as {@code <subject>.v<N>.avsc}. */
    public Path writersDirectory() {
        return buildDirectory.resolve("event-contracts").resolve("writers");
    }

    /** {@code target/event-contracts/findings.json}, read by the {@code verify} gate. */
    public Path findingsFile() {
        return buildDirectory.resolve("event-contracts").resolve("findings.json");
    }
}
