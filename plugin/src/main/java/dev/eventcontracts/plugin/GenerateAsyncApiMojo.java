package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.asyncapi.AsyncApiConfig;
import dev.eventcontracts.plugin.asyncapi.AsyncApiGeneration;
import dev.eventcontracts.plugin.asyncapi.AsyncApiOutcome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the project's consumers as an AsyncAPI 3.0.0 document, {@code
 * target/event-contracts/asyncapi.yaml}: one channel per queue, exchange and dead-letter queue with
 * AMQP bindings, one {@code receive} operation per consumer, and messages whose payloads are the
 * Avro schemas ({@code schemaFormat: application/vnd.apache.avro+json;version=1.9.0}). Consumers
 * are found as {@code generate-contract-tests} finds them. Bound to {@code process-classes}, so a
 * payload class generated from a schema outside {@code schemaDirectory} is compiled and its
 * {@code SCHEMA$} can be read; the {@code verify} report draws the flow from this file. See
 * docs/plugin.md.
 */
@Mojo(
        name = GenerateAsyncApiMojo.GOAL,
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public class GenerateAsyncApiMojo extends AbstractEventContractsMojo {

    /** The goal name. */
    public static final String GOAL = "generate-asyncapi";

    /**
     * Where the payloads' Avro schemas are. Default: {@code src/main/avro}.
     *
     * <pre>{@code
     * <schemaDirectory>${project.basedir}/src/main/avro</schemaDirectory>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.schemaDirectory")
    private File schemaDirectory;

    /**
     * The document to write. Default: {@code ${project.build.directory}/event-contracts/asyncapi.yaml}.
     *
     * <pre>{@code
     * <asyncApiFile>${project.build.directory}/event-contracts/asyncapi.yaml</asyncApiFile>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.asyncApiFile")
    private File asyncApiFile;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipAsyncApi>true</skipAsyncApi>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.asyncapi.skip", defaultValue = "false")
    private boolean skipAsyncApi;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipAsyncApi;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipAsyncApi>/eventcontracts.asyncapi.skip";
    }

    @Override
    protected void executeGoal() throws IOException, MojoExecutionException {
        List<Path> classpath;
        try {
            classpath = project().getCompileClasspathElements().stream()
                    .map(Path::of)
                    .toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException(
                    "event-contracts: the compile class path is not resolved: " + e.getMessage(), e);
        }
        AsyncApiConfig config = new AsyncApiConfig(
                projectDirectory(),
                buildDirectory(),
                project().getCompileSourceRoots().stream().map(Path::of).toList(),
                project().getTestCompileSourceRoots().stream().map(Path::of).toList(),
                classpath,
                schemaDirectory == null ? null : List.of(schemaDirectory.toPath()),
                path(asyncApiFile),
                project().getName() == null
                        ? project().getArtifactId()
                        : project().getName(),
                project().getVersion());
        AsyncApiOutcome outcome = new AsyncApiGeneration().run(config);
        for (String warning : outcome.warnings()) {
            getLog().warn("  " + warning);
        }
        getLog().info(outcome.summaryLine());
    }
}
