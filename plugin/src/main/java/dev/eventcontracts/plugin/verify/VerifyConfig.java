package dev.eventcontracts.plugin.verify;

import dev.eventcontracts.plugin.gate.Severity;
import dev.eventcontracts.plugin.problems.InvalidParameterException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the {@code verify} goal was told. {@code null} means "use the default"; the defaults live
 * here, not in the Mojo.
 *
 * @param projectName the name shown in the reports
 * @param projectDirectory the project base directory (paths in messages are relative to it)
 * @param buildDirectory {@code target/}
 * @param resultsDirectory contract results; default {@code target/event-contracts/results}
 * @param failsafeSummary default {@code target/failsafe-reports/failsafe-summary.xml}
 * @param compatibilityFile default {@code target/event-contracts/compatibility.json}
 * @param findingsFile default {@code target/event-contracts/findings.json}
 * @param reportDirectory default {@code target/event-contracts}
 * @param failOnViolation default {@code true}
 * @param failOn the lowest severity that fails the gate; default {@code ERROR}
 */
public record VerifyConfig(
        String projectName,
        Path projectDirectory,
        Path buildDirectory,
        Path resultsDirectory,
        Path failsafeSummary,
        Path compatibilityFile,
        Path findingsFile,
        Path reportDirectory,
        Boolean failOnViolation,
        String failOn) {

    /** Where the plugin keeps its files under the build directory. */
    public static final String WORK_DIRECTORY = "event-contracts";

    /** Fills in defaults. */
    public VerifyConfig {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        Path work = buildDirectory.resolve(WORK_DIRECTORY);
        projectName = projectName == null || projectName.isBlank()
                ? projectDirectory.getFileName().toString()
                : projectName;
        resultsDirectory = resultsDirectory == null ? work.resolve("results") : resultsDirectory;
        failsafeSummary = failsafeSummary == null
                ? buildDirectory.resolve("failsafe-reports").resolve("failsafe-summary.xml")
                : failsafeSummary;
        compatibilityFile = compatibilityFile == null ? work.resolve("compatibility.json") : compatibilityFile;
        findingsFile = findingsFile == null ? work.resolve("findings.json") : findingsFile;
        reportDirectory = reportDirectory == null ? work : reportDirectory;
        failOnViolation = failOnViolation == null ? Boolean.TRUE : failOnViolation;
        failOn = failOn == null || failOn.isBlank() ? Severity.ERROR.name() : failOn;
    }

    /** {@code target/event-contracts/asyncapi.yaml}, from which the report draws the exchanges of the flow. */
    public Path asyncApiFile() {
        return buildDirectory.resolve(WORK_DIRECTORY).resolve("asyncapi.yaml");
    }

    /** The threshold as a severity; a wrong name names the pom element and the accepted values. */
    public Severity threshold() {
        try {
            return Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "<failOn>",
                    "eventcontracts.failOn",
                    failOn,
                    "use ERROR, WARNING or INFO (e.g. <failOn>WARNING</failOn>).");
        }
    }

    /** A path as users should read it: relative to the project directory when inside it. */
    public String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path base = projectDirectory.toAbsolutePath().normalize();
        return absolute.startsWith(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
