package dev.eventcontracts.plugin.problems;

/**
 * A problem the user can fix in their project or configuration. The Mojos turn these into
 * {@code MojoFailureException} ("BUILD FAILURE"); everything else is an environment problem or a
 * bug and becomes {@code MojoExecutionException}.
 */
public class UserProblemException extends RuntimeException {

    /** @param message what failed, the value in quotes, where, and the fix */
    public UserProblemException(String message) {
        super(message);
    }

    /** @param message what failed, the value in quotes, where, and the fix */
    public UserProblemException(String message, Throwable cause) {
        super(message, cause);
    }
}
