package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.verify.VerifyConfig;
import dev.eventcontracts.plugin.verify.VerifyGate;
import dev.eventcontracts.plugin.verify.VerifyOutcome;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The CI gate: reads the contract results, the failsafe summary and the schema verdicts, writes
 * {@code target/event-contracts/report.html}, {@code report.md} and {@code report.json}, and fails
 * the build with a summary naming each broken consumer and schema and the fix.
 */
@Mojo(name = VerifyMojo.GOAL, defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractEventContractsMojo {

    /** The goal name. */
    public static final String GOAL = "verify";

    /**
     * Where the generated contract tests write their results, one JSON file per consumer.
     * Default: {@code ${project.build.directory}/event-contracts/results}.
     *
     * <pre>{@code
     * <resultsDirectory>${project.build.directory}/event-contracts/results</resultsDirectory>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.resultsDirectory")
    private File resultsDirectory;

    /**
     * The failsafe summary to include. Default:
     * {@code ${project.build.directory}/failsafe-reports/failsafe-summary.xml}.
     *
     * <pre>{@code
     * <failsafeSummary>${project.build.directory}/failsafe-reports/failsafe-summary.xml</failsafeSummary>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.failsafeSummary")
    private File failsafeSummary;

    /**
     * Where {@code report.html}, {@code report.md} and {@code report.json} go. Default:
     * {@code ${project.build.directory}/event-contracts}.
     *
     * <pre>{@code
     * <reportDirectory>${project.build.directory}/event-contracts</reportDirectory>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.reportDirectory")
    private File reportDirectory;

    /**
     * Whether violations fail the build. With {@code false} the reports are still written and the
     * violations logged as warnings. Default: {@code true}.
     *
     * <pre>{@code
     * <failOnViolation>false</failOnViolation>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.failOnViolation")
    private Boolean failOnViolation;

    /**
     * The lowest severity that fails the gate: {@code ERROR} (broken scenarios, incompatible
     * schemas, failed integration tests, error findings), {@code WARNING} (also warning findings
     * such as a consumer without a dead-letter queue) or {@code INFO} (also skipped scenarios).
     * Default: {@code ERROR}.
     *
     * <pre>{@code
     * <failOn>WARNING</failOn>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.failOn")
    private String failOn;

    /**
     * Skips only this goal.
     *
     * <pre>{@code
     * <skipVerify>true</skipVerify>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.verify.skip", defaultValue = "false")
    private boolean skipVerify;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected boolean goalSkipped() {
        return skipVerify;
    }

    @Override
    protected String goalSkipSwitch() {
        return "<skipVerify>/eventcontracts.verify.skip";
    }

    @Override
    protected void executeGoal() throws MojoFailureException, IOException {
        VerifyConfig config = new VerifyConfig(
                project().getName(),
                projectDirectory(),
                buildDirectory(),
                path(resultsDirectory),
                path(failsafeSummary),
                null,
                null,
                path(reportDirectory),
                failOnViolation,
                failOn);
        VerifyOutcome outcome = new VerifyGate().run(config);
        if (outcome.nothingToJudge()) {
            getLog().warn("event-contracts: nothing to judge: no contract results in '"
                    + config.display(config.resultsDirectory())
                    + "', no failsafe summary, no schema or discovery results. Bind generate-contract-tests,"
                    + " check-compatibility and failsafe, or skip this goal with <skipVerify>true</skipVerify>.");
        }
        getLog().info(outcome.verdict().summaryLine());
        getLog().debug("event-contracts: report " + config.display(outcome.html()));
        if (outcome.verdict().failsBuild()) {
            throw new MojoFailureException(outcome.failureMessage());
        }
        if (outcome.failureMessage() != null) {
            for (String line : outcome.failureMessage().split("\\R")) {
                getLog().warn(line);
            }
        }
    }
}
