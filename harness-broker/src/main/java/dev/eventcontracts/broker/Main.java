package dev.eventcontracts.broker;

import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The standalone harness broker:
 *
 * <pre>
 * java -jar event-contracts-harness-broker-VERSION-standalone.jar [--amqp-port 5672] [--admin-port 15672] [--bind 127.0.0.1] [--users FILE] [--data-dir DIR]
 *     [--definitions definitions.json] [--memory-high-watermark 64MiB] [--handshake-timeout 10] [--max-sockets N]
 *     [--tls-keystore FILE [--tls-keystore-password PW] [--amqps-port 5671]
 *      [--tls-truststore FILE [--tls-truststore-password PW] [--tls-client-certificates optional|required]]]
 * java -jar event-contracts-harness-broker-VERSION-standalone.jar --hash-password   (reads the password from stdin)
 * java -jar event-contracts-harness-broker-VERSION-standalone.jar ctl [--admin URL] COMMAND ...   (rabbitmqctl for the harness)
 * </pre>
 *
 * <p>Prints one ready line ({@code event-contracts harness broker ready amqp=127.0.0.1:5672 admin=127.0.0.1:15672},
 * plus {@code amqps=127.0.0.1:5671} with TLS) and runs until SIGTERM or Ctrl-C, which close client
 * connections with 320 CONNECTION_FORCED. TLS passwords not given as options are read from the
 * environment variables {@code EVENTCONTRACTS_TLS_KEYSTORE_PASSWORD} and {@code
 * EVENTCONTRACTS_TLS_TRUSTSTORE_PASSWORD}.
 *
 * <p>The users file has one user per line; {@code #} starts a comment:
 *
 * <pre>
 * orders:s3cret                                  plain password (everything after the first ':')
 * billing:{sha256}HASH                           hash printed by --hash-password
 * billing:{sha256}HASH ^bill\..* .* ^bill\..*     ... with configure, write and read regexes for vhost '/'
 * app-cert:{none} ^app\..* .* ^app\..*           no password: logs in only with a client certificate (EXTERNAL)
 * </pre>
 *
 * <p>Exit codes: 0 after a clean stop, 1 when a port cannot be bound, 2 for bad arguments
 * (including a users file, TLS store or definitions file that cannot be used; {@code
 * --definitions} takes the JSON of {@code rabbitmqctl export_definitions}, see docs/broker.md,
 * Definitions). {@code --memory-high-watermark}
 * takes bytes with RabbitMQ's units ({@code k}/{@code kiB}, {@code M}/{@code MiB}, {@code
 * G}/{@code GiB} are powers of 1024; {@code kB}, {@code MB}, {@code GB} powers of 1000); 0, the
 * default, turns flow control off. {@code --handshake-timeout} is in seconds (default 10, as
 * RabbitMQ's {@code handshake_timeout}); {@code --max-sockets} caps the sockets open at once on each
 * AMQP listener (default 0 = no limit).
 */
public final class Main {
    private static final String USAGE =
            "usage: java -jar event-contracts-harness-broker-standalone.jar [--amqp-port N] [--admin-port N] [--bind HOST] [--users FILE] [--data-dir DIR]"
                    + " [--definitions FILE] [--memory-high-watermark BYTES] [--handshake-timeout SECONDS] [--max-sockets N] [--tls-keystore FILE [--tls-keystore-password PW] [--amqps-port N] [--tls-truststore FILE"
                    + " [--tls-truststore-password PW] [--tls-client-certificates optional|required]]]\n"
                    + "       java -jar event-contracts-harness-broker-standalone.jar --hash-password  (password on stdin)\n"
                    + "       java -jar event-contracts-harness-broker-standalone.jar ctl [--admin URL] COMMAND  (rabbitmqctl-compatible)";

    /** Environment variable with the keystore password when {@code --tls-keystore-password} is not given. */
    static final String KEYSTORE_PASSWORD_ENV = "EVENTCONTRACTS_TLS_KEYSTORE_PASSWORD";

    /** Environment variable with the truststore password when {@code --tls-truststore-password} is not given. */
    static final String TRUSTSTORE_PASSWORD_ENV = "EVENTCONTRACTS_TLS_TRUSTSTORE_PASSWORD";

    private static final String HASH_MARKER = "{sha256}";
    private static final String NO_PASSWORD_MARKER = "{none}";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("ctl")) {
            return dev.eventcontracts.broker.ctl.Ctl.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), out, err);
        }
        if (args.length == 1 && args[0].equals("--hash-password")) {

            return hashPassword(readPassword(), out, err);
        }
        HarnessBroker configured;
        try {
            configured = parse(args, System.getenv()).build();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        HarnessBroker broker;
        try {
            broker = configured.start();
        } catch (UncheckedIOException e) {
            err.println(e.getCause().getMessage());
            return 1;
        } catch (IllegalArgumentException e) { // definitions the broker cannot declare
            err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "harness-broker-shutdown"));
        broker.recoveryReport().ifPresent(r -> out.println("event-contracts harness broker " + r.summary()));
        out.println("event-contracts harness broker ready amqp=" + broker.bindAddress() + ":" + broker.port()
                + " admin=" + broker.bindAddress() + ":" + broker.adminPort()
                + (broker.tlsEnabled() ? " amqps=" + broker.bindAddress() + ":" + broker.amqpsPort() : ""));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static HarnessBroker.Builder parse(String[] args) {
        return parse(args, Map.of());
    }

    /** Parses the options; {@code env} supplies TLS passwords not given as options. */
    static HarnessBroker.Builder parse(String[] args, Map<String, String> env) {
        HarnessBroker.Builder b = HarnessBroker.builder();
        Map<String, String> tls = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--hash-password")) {
                throw new IllegalArgumentException("--hash-password takes no other options; run it on its own");
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("event-contracts harness broker");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + flag + "' needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--amqp-port" -> b.amqpPort(parsePort(flag, value));
                case "--admin-port" -> b.adminPort(parsePort(flag, value));
                case "--bind" -> b.bindAddress(value);
                case "--data-dir" -> b.dataDirectory(Path.of(value));
                case "--definitions" -> b.definitions(Path.of(value));
                case "--users" -> readUsers(Path.of(value), b);
                case "--memory-high-watermark" -> b.memoryHighWatermark(parseBytes(flag, value));
                case "--amqps-port" -> b.amqpsPort(parsePort(flag, value));
                case "--handshake-timeout" -> b.handshakeTimeout(java.time.Duration.ofSeconds(parseCount(flag, value)));
                case "--max-sockets" -> b.maxSockets(parseCount(flag, value));
                case "--tls-keystore",
                        "--tls-keystore-password",
                        "--tls-truststore",
                        "--tls-truststore-password",
                        "--tls-client-certificates" -> tls.put(flag, value);
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        configureTls(tls, env, b);
        return b;
    }

    private static void configureTls(Map<String, String> tls, Map<String, String> env, HarnessBroker.Builder b) {
        String keyStore = tls.get("--tls-keystore");
        String trustStore = tls.get("--tls-truststore");
        if (keyStore == null) {
            tls.keySet().stream()
                    .filter(k -> !k.equals("--tls-keystore"))
                    .sorted()
                    .findFirst()
                    .ifPresent(k -> {
                        throw new IllegalArgumentException(
                                "option '" + k + "' needs TLS; add --tls-keystore FILE with the server's key");
                    });
            return;
        }
        b.tls(Path.of(keyStore), password(tls, env, "--tls-keystore-password", KEYSTORE_PASSWORD_ENV));
        String mode = tls.get("--tls-client-certificates");
        if (trustStore == null) {
            if (mode != null || tls.containsKey("--tls-truststore-password")) {
                throw new IllegalArgumentException("option '"
                        + (mode != null ? "--tls-client-certificates" : "--tls-truststore-password")
                        + "' needs --tls-truststore FILE with the CA certificates that sign client certificates");
            }
            return;
        }
        boolean required;
        if (mode == null || mode.equals("optional")) {
            required = false;
        } else if (mode.equals("required")) {
            required = true;
        } else {
            throw new IllegalArgumentException(
                    "--tls-client-certificates '" + mode + "' is not 'optional' or 'required'");
        }
        b.tlsClientCertificates(
                Path.of(trustStore),
                password(tls, env, "--tls-truststore-password", TRUSTSTORE_PASSWORD_ENV),
                required);
    }

    private static String password(Map<String, String> tls, Map<String, String> env, String option, String variable) {
        String password = tls.get(option);
        if (password == null) {
            password = env.get(variable);
        }
        if (password == null) {
            throw new IllegalArgumentException("the " + option.substring(6, option.length() - 9)
                    + " needs its password: give " + option + " PW, or set the environment variable " + variable
                    + " (which keeps it out of the process list)");
        }
        return password;
    }

    /** Prints the users-file form {@code {sha256}HASH} of {@code password}; null or empty: exit code 2. */
    static int hashPassword(String password, PrintStream out, PrintStream err) {
        if (password == null || password.isEmpty()) {
            err.println("--hash-password reads the password from standard input, e.g."
                    + " 'printf %s \"$PW\" | java -jar event-contracts-harness-broker-standalone.jar --hash-password'");
            return 2;
        }
        out.println(HASH_MARKER + PasswordHash.hash(password));
        out.flush();
        return 0;
    }

    private static String readPassword() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("password: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static int parsePort(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not a number; use e.g. " + flag + " 5672");
        }
    }

    private static int parseCount(String flag, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    flag + " '" + value + "' is not a whole number; use e.g. " + flag + " 10");
        }
    }

    private static final java.util.regex.Pattern BYTES =
            java.util.regex.Pattern.compile("(\\d+)\\s*(k|kiB|M|MiB|G|GiB|kB|KB|MB|GB)?");

    /** A byte count with an optional RabbitMQ memory unit, e.g. {@code 67108864}, {@code 64MiB}, {@code 1GB}. */
    static long parseBytes(String flag, String value) {
        java.util.regex.Matcher m = BYTES.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + " '" + value
                    + "' is not a byte count; use e.g. " + flag + " 67108864, 64MiB or 1GB"
                    + " (k/kiB, M/MiB, G/GiB = powers of 1024; kB, MB, GB = powers of 1000; 0 = off)");
        }
        long multiplier = m.group(2) == null
                ? 1
                : switch (m.group(2)) {
                    case "k", "kiB" -> 1L << 10;
                    case "M", "MiB" -> 1L << 20;
                    case "G", "GiB" -> 1L << 30;
                    case "kB", "KB" -> 1_000L;
                    case "MB" -> 1_000_000L;
                    default -> 1_000_000_000L;
                };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    flag + " '" + value + "' is too large; use at most " + Long.MAX_VALUE + " bytes");
        }
    }

    private static void readUsers(Path file, HarnessBroker.Builder b) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read users file '" + file + "': " + e.getMessage());
        }
        int n = 0;
        // a name listed again replaces its earlier line (password and permissions), as before
        Map<String, Consumer<HarnessBroker.Builder>> definitions = new LinkedHashMap<>();
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        "users file '" + file + "' line " + n + ": expected 'name:password', got '" + line + "'");
            }
            String name = line.substring(0, colon);
            String secret = line.substring(colon + 1);
            String where = "users file '" + file + "' line " + n + ": ";
            if (startsWithIgnoreCase(secret, HASH_MARKER)) {
                String[] fields = fields(secret.substring(HASH_MARKER.length()), where, name);
                if (!PasswordHash.isWellFormed(fields[0])) {
                    throw new IllegalArgumentException(where + "'" + HASH_MARKER + "' must be followed by the hash that"
                            + " --hash-password prints (48 base64 characters), got '" + fields[0] + "'");
                }
                checkPermissions(fields, where);
                definitions.put(name, builder -> {
                    builder.userWithPasswordHash(name, fields[0]);
                    grant(fields, name, builder);
                });
            } else if (startsWithIgnoreCase(secret, NO_PASSWORD_MARKER)) {
                String[] fields = fields(secret.substring(NO_PASSWORD_MARKER.length()), where, name);
                if (!fields[0].isEmpty()) {
                    throw new IllegalArgumentException(where + "'" + NO_PASSWORD_MARKER
                            + "' takes no value, got '" + fields[0] + "'; write '" + name + ":" + NO_PASSWORD_MARKER
                            + " configure write read' or '" + name + ":" + NO_PASSWORD_MARKER + "'");
                }
                checkPermissions(fields, where);
                definitions.put(name, builder -> {
                    builder.userWithoutPassword(name);
                    grant(fields, name, builder);
                });
            } else {
                definitions.put(name, builder -> builder.user(name, secret));
            }
        }
        definitions.values().forEach(d -> d.accept(b));
    }

    /** The secret (element 0, up to the first blank) and the permission fields after it. */
    private static String[] fields(String rest, String where, String name) {
        String[] split = rest.split("[ \t]+", -1); // "HASH", "HASH c w r", "", " c w r"
        if (split.length != 1 && split.length != 4) {
            throw new IllegalArgumentException(where + "expected no permissions or three after the password"
                    + " (configure, write and read regexes for vhost '/', separated by blanks), got "
                    + (split.length - 1) + "; write e.g. '" + name + ":... ^" + name + "\\..* .* ^" + name + "\\..*'");
        }
        return split;
    }

    private static void grant(String[] fields, String name, HarnessBroker.Builder b) {
        if (fields.length == 4) {
            b.permissions(name, fields[1], fields[2], fields[3]);
        }
    }

    private static void checkPermissions(String[] fields, String where) {
        if (fields.length != 4) {
            return;
        }
        String[] which = {"configure", "write", "read"};
        for (int i = 1; i <= 3; i++) {
            try {
                Pattern.compile(fields[i]);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + "the " + which[i - 1] + " permission '" + fields[i]
                        + "' is not a valid regular expression (" + e.getDescription()
                        + "); escape special characters with '\\', e.g. '^orders\\..*'");
            }
        }
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
