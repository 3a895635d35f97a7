package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.consumers.ContractTestGeneration;
import dev.eventcontracts.plugin.consumers.GenerateConfig;
import dev.eventcontracts.plugin.consumers.GenerateOutcome;
import dev.eventcontracts.plugin.service.ServiceModeGeneration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Finds the project's message consumers ({@code @EventConsumer}, {@code @RabbitListener},
 * {@code @KafkaListener}, {@code @JmsListener}, {@code @Incoming}, {@code @SqsListener}) with
 * JavaParser and generates one JUnit 5 contract test per consumer under {@code
 * target/generated-test-sources/event-contracts}, which it adds as a test source root. Logs the
 * consumers and the findings (e.g. a consumer without a dead-letter queue) and writes them to
 * {@code target/event-contracts/findings.json} for the {@code verify} gate. Scenario (n) reads a
 * message written with every version of the payload's subject registered in the registry: the
 * committed file store ({@code registryDirectory}) or, when {@code registryUrl} is set, the remote
 * Apicurio Registry {@code check-compatibility} reads. Each version is written to {@code
 * target/event-contracts/writers/<subject>.v<N>.avsc}; a missing file store or an unregistered
 * subject adds nothing.
 */
@Mojo(
        name = GenerateContractTestsMojo.GOAL,
        defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES,
        requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class GenerateContractTestsMojo extends AbstractRegistryMojo {

    /** The goal name. */
    public static final String GOAL = "generate-contract-tests";

    /**
     * Where the generated {@code *ContractIT} sources go. Default:
     * {@code ${project.build.directory}/generated-test-sources/event-contracts}.
     *
     * <pre>{@code
     * <outputDirectory>${project.build.directory}/generated-test-sources/event-contracts</outputDirectory>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.outputDirectory")
    private File outputDirectory;

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
     * The lowest finding severity that fails the build here: {@code ERROR} (e.g. an unparsable
     * consumer), {@code WARNING} (e.g. a consumer without a dead-letter queue), {@code INFO}, or
     * {@code NONE}. Default: {@code ERROR}. The {@code verify} gate judges findings again with its
     * own {@code failOn}.
     *
     * <pre>{@code
     * <failOnFindings>WARNING</failOnFindings>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.failOnFindings")
    private String failOnFindings;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipGenerate>true</skipGenerate>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.generate.skip", defaultValue = "false")
    private boolean skipGenerate;

    /**
     * Service mode (docs/service-mode.md): {@code auto} (default) generates, for a Spring Boot
     * application (a {@code @SpringBootApplication} class in the main sources), one test per
     * {@code @RabbitListener} method that runs the scenarios against the service's own application
     * context; {@code on} requires it; {@code off} keeps plain mode. Service-mode tests need {@code
     * event-contracts-harness-spring} as a test dependency.
     *
     * <pre>{@code
     * <serviceMode>off</serviceMode>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.serviceMode")
    private String serviceMode;

    /** The phases before {@code test-compile}: bound to one of them, the generated tests are compiled. */
    private static final java.util.Set<String> COMPILED_AFTER = java.util.Set.of(
            "validate",
            "initialize",
            "generate-sources",
            "process-sources",
            "generate-resources",
            "process-resources",
            "compile",
            "process-classes",
            "generate-test-sources",
            "process-test-sources",
            "generate-test-resources",
            "process-test-resources");

    /** The running execution: its phase says whether the generated tests are compiled in this build. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private org.apache.maven.plugin.MojoExecution mojoExecution;

    /** This plugin's version, for the dependency a missing runtime message asks for. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipGenerate;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipGenerate>/eventcontracts.generate.skip";
    }

    @Override
    protected void executeGoal() throws IOException, MojoExecutionException, MojoFailureException {
        List<Path> classpath;
        try {
            classpath =
                    project().getTestClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException(
                    "event-contracts: the test class path is not resolved: " + e.getMessage(), e);
        }
        Path output = path(outputDirectory);
        List<Path> main =
                project().getCompileSourceRoots().stream().map(Path::of).toList();
        List<Path> test = project().getTestCompileSourceRoots().stream()
                .map(Path::of)
                .filter(p -> output == null || !p.equals(output))
                .toList();
        GenerateConfig config = new GenerateConfig(
                projectDirectory(),
                buildDirectory(),
                main,
                test,
                classpath,
                schemaDirectory == null ? null : List.of(schemaDirectory.toPath()),
                output,
                failOnFindings,
                registrySelection());
        Optional<ServiceModeGeneration> service =
                ServiceModeGeneration.choose(config, ServiceModeGeneration.Mode.parse(serviceMode));
        GenerateOutcome outcome =
                service.isPresent() ? service.get().run(config) : new ContractTestGeneration().run(config);
        if (!outcome.consumerLines().isEmpty()) {
            requireRuntime(service.isPresent());
        }
        project().addTestCompileSourceRoot(outcome.outputDirectory().toString());
        for (String consumer : outcome.consumerLines()) {
            getLog().info("  " + consumer);
        }
        for (GenerateOutcome.FindingLine finding : outcome.findingLines()) {
            if (finding.severity().equals("INFO")) {
                getLog().info("  " + finding.text());
            } else {
                getLog().warn("  " + finding.text());
            }
        }
        getLog().info(outcome.summaryLine());
        if (outcome.failureMessage() != null) {
            throw new MojoFailureException(outcome.failureMessage());
        }
    }

    private void requireRuntime(boolean serviceModeChosen) throws MojoFailureException {
        java.util.Set<String> present = new java.util.HashSet<>();
        for (org.apache.maven.artifact.Artifact artifact : project().getArtifacts()) {
            present.add(artifact.getGroupId() + ":" + artifact.getArtifactId());
        }
        Optional<String> missing = missingRuntime(present, serviceModeChosen, pluginVersion);
        if (missing.isEmpty()) {
            return;
        }
        String phase = mojoExecution == null ? null : mojoExecution.getLifecyclePhase();
        if (phase != null && COMPILED_AFTER.contains(phase)) {
            throw new MojoFailureException(missing.get());
        }
        // bound after test-compile (discovery only) or run from the command line: the generated
        // tests are not compiled by this build, so say it without failing
        getLog().warn(missing.get());
    }

    /**
     * Why the generated tests cannot run, naming the pom element to add, when their runtime is not
     * among the resolved test artifacts {@code present} ({@code groupId:artifactId}): {@code
     * event-contracts-harness-spring} for service mode, {@code event-contracts-harness-junit} with
     * its dependencies (Avro, the AMQP client) for plain mode. harness-spring carries harness-junit
     * without its dependencies, so a Spring service switched to plain mode would otherwise fail
     * every test with {@code NoClassDefFoundError}.
     */
    static Optional<String> missingRuntime(java.util.Set<String> present, boolean serviceModeChosen, String version) {
        String runtime = serviceModeChosen ? "event-contracts-harness-spring" : "event-contracts-harness-junit";
        List<String> needed = serviceModeChosen
                ? List.of("dev.eventcontracts:" + runtime)
                : List.of("dev.eventcontracts:" + runtime, "org.apache.avro:avro", "com.rabbitmq:amqp-client");
        List<String> missing = needed.stream().filter(a -> !present.contains(a)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("event-contracts: the generated "
                + (serviceModeChosen ? "service-mode" : "plain-mode")
                + " contract tests need " + runtime + " on the test class path, but "
                + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                + " missing. Add to <dependencies>: <dependency><groupId>dev.eventcontracts</groupId><artifactId>"
                + runtime + "</artifactId><version>" + version + "</version><scope>test</scope></dependency>"
                + (serviceModeChosen
                        ? "."
                        : " (event-contracts-harness-spring alone carries only service mode's runtime), or let"
                                + " a Spring Boot service use service mode (<serviceMode>auto</serviceMode>).")
                + " See docs/plugin.md.");
    }
}
