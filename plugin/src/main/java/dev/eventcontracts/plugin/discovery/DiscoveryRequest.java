package dev.eventcontracts.plugin.discovery;

import java.nio.file.Path;
import java.util.List;

/**
 * Where to look for consumers, fixtures and schemas.
 *
 * @param mainSourceRoots roots of the production sources (consumers, payload classes)
 * @param testSourceRoots roots of the test sources ({@code ConsumerFixture} implementations)
 * @param classpath jars and class directories the sources compile against, for symbol resolution
 * @param schemaDirectories directories searched recursively for {@code .avsc} files
 */
public record DiscoveryRequest(
        List<Path> mainSourceRoots, List<Path> testSourceRoots, List<Path> classpath, List<Path> schemaDirectories) {

    /** Copies the lists. */
    public DiscoveryRequest {
        mainSourceRoots = List.copyOf(mainSourceRoots);
        testSourceRoots = List.copyOf(testSourceRoots);
        classpath = List.copyOf(classpath);
        schemaDirectories = List.copyOf(schemaDirectories);
    }
}
