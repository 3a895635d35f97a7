package dev.eventcontracts.registry.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The standalone program of the schema-registry module: {@code java -jar
 * event-contracts-schema-registry-<version>-standalone.jar <subcommand> ...}. Each subcommand is
 * its own class listed in {@code subcommands}.
 *
 * <p>Exit codes: 0 success (compatible), 1 incompatible, 2 bad input (usage, unreadable or invalid
 * schema), 3 internal error. Errors are one readable message on stderr, never a stack trace.
 */
@Command(
        name = "event-contracts-schema-registry",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Avro schema compatibility checks and an Apicurio-compatible schema registry.",
        subcommands = {CheckCommand.class, ServeCommand.class})
public final class Main implements Runnable {

    /** Exit code: the check passed. */
    public static final int OK = 0;
    /** Exit code: the candidate is incompatible. */
    public static final int INCOMPATIBLE = 1;
    /** Exit code: bad input (usage error, unreadable or invalid schema). */
    public static final int BAD_INPUT = 2;
    /** Exit code: a bug; the message says so. */
    public static final int INTERNAL_ERROR = 3;

    @Spec
    private CommandSpec spec;

    /** Runs the program and exits the JVM with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the program with the given streams and returns its exit code, without exiting. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /** The configured command line: streams, exit codes and error handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr()
                    .println("error: internal error in '" + cmd.getCommandName() + "': " + e
                            + ". Please report it with the command line and the input files.");
            return INTERNAL_ERROR;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing subcommand. Use one of: "
                        + String.join(", ", spec.subcommands().keySet()) + ".");
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "event-contracts-schema-registry " + (version == null ? "(development build)" : version)
            };
        }
    }
}
