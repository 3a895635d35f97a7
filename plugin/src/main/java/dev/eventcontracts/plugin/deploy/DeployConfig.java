package dev.eventcontracts.plugin.deploy;

import dev.eventcontracts.plugin.results.CanIDeployResults;
import dev.eventcontracts.plugin.schemas.CheckConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the consumer-contract goals ({@code register}'s contract step, {@code record-deployment},
 * {@code can-i-deploy}) were told; {@code null} means default.
 *
 * @param schemas the schema directory, subjects and registry, as for {@code check-compatibility}
 * @param service this service, {@code ${project.artifactId}}
 * @param version its version, {@code ${project.version}}
 * @param mainSourceRoots where the consumers are
 * @param testSourceRoots where their fixtures are
 * @param environment the environment, e.g. {@code production}; {@code null} when not needed
 * @param producedSubjects the subjects this service writes; {@code null}: every subject of its
 *     schema directory that none of its consumers reads
 */
public record DeployConfig(
        CheckConfig schemas,
        String service,
        String version,
        List<Path> mainSourceRoots,
        List<Path> testSourceRoots,
        String environment,
        List<String> producedSubjects) {

    /** Copies the lists. */
    public DeployConfig {
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
        mainSourceRoots = List.copyOf(mainSourceRoots);
        testSourceRoots = List.copyOf(testSourceRoots);
        environment = environment == null || environment.isBlank() ? null : environment.trim();
        producedSubjects = producedSubjects == null ? null : List.copyOf(producedSubjects);
    }

    /** {@code target/event-contracts/can-i-deploy.json}, read by the {@code verify} gate's report. */
    public Path canIDeployFile() {
        return schemas.buildDirectory().resolve("event-contracts").resolve(CanIDeployResults.FILE_NAME);
    }
}
