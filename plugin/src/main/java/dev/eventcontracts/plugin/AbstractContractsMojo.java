package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.deploy.DeployConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The goals that record or check consumer contracts ({@code register}, {@code record-deployment},
 * {@code can-i-deploy}): this service is {@code ${project.artifactId}} at {@code
 * ${project.version}}, its consumers are found in its main sources.
 */
public abstract class AbstractContractsMojo extends AbstractSchemaMojo {

    /** The one config record of the consumer-contract goals. */
    protected DeployConfig deployConfig(String environment, List<String> producedSubjects) {
        return new DeployConfig(
                checkConfig(),
                project().getArtifactId(),
                project().getVersion(),
                project().getCompileSourceRoots().stream().map(Path::of).toList(),
                project().getTestCompileSourceRoots().stream().map(Path::of).toList(),
                environment,
                producedSubjects == null || producedSubjects.isEmpty() ? null : producedSubjects);
    }
}
