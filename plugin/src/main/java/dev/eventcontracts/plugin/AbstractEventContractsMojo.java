package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.plugin.results.ResultFileException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every event-contracts goal shares: the skip switches, and the one place where core
 * outcomes become Maven outcomes (problems users can fix become {@link MojoFailureException},
 * environment problems and bugs {@link MojoExecutionException}).
 */
public abstract class AbstractEventContractsMojo extends AbstractMojo {

    /** Logged when a goal is skipped; {@code %1$s} is the goal, {@code %2$s} the switch. */
    static final String MSG_SKIPPED = "event-contracts: %1$s skipped (%2$s is true)";

    /**
     * Skips every event-contracts goal of this execution (or, as {@code -Deventcontracts.skip}, of
     * the whole build).
     *
     * <pre>{@code
     * <configuration>
     *   <skip>true</skip>
     * </configuration>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.skip", defaultValue = "false")
    private boolean skip;

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info(String.format(MSG_SKIPPED, goal(), "<skip>/eventcontracts.skip"));
            return;
        }
        if (goalSkipped()) {
            getLog().info(String.format(MSG_SKIPPED, goal(), goalSkipSwitch()));
            return;
        }
        try {
            executeGoal();
        } catch (UserProblemException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (ResultFileException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("event-contracts " + goal() + ": I/O failure: " + e.getMessage(), e);
        }
    }

    /** The goal name, as users type it after the prefix. */
    protected abstract String goal();

    /** Whether the goal's own skip switch is set. */
    protected abstract boolean goalSkipped();

    /** The goal's own skip switch, as the skip message names it, e.g. {@code <skipVerify>/eventcontracts.verify.skip}. */
    protected abstract String goalSkipSwitch();

    /** Runs the goal. */
    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException, IOException;

    /** The project being built. */
    protected MavenProject project() {
        return project;
    }

    /** The project's base directory. */
    protected Path projectDirectory() {
        return project.getBasedir().toPath();
    }

    /** The project's build directory ({@code target/}). */
    protected Path buildDirectory() {
        return Path.of(project.getBuild().getDirectory());
    }

    /** A file parameter as a path, or null when unset. */
    protected static Path path(File file) {
        return file == null ? null : file.toPath();
    }
}
