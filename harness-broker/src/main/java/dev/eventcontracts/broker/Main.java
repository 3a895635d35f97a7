package dev.eventcontracts.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone harness broker:
 *
 * <pre>
 * java -jar event-contracts-harness-broker-VERSION-standalone.jar [--amqp-port 5672] [--admin-port 15672] [--bind 127.0.0.1] [--users FILE] [--data-dir DIR] [--memory-high-watermark 64MiB]
 * </pre>
 *
 * <p>Prints one ready line ({@code event-contracts harness broker ready amqp=127.0.0.1:5672 admin=127.0.0.1:15672}) and
 * runs until SIGTERM or Ctrl-C, which close client connections with 320 CONNECTION_FORCED. The
 * users file has one {@code name:password} per line; {@code #} starts a comment. Exit codes: 0
 * after a clean stop, 1 when the port cannot be bound, 2 for bad arguments. {@code
 * --memory-high-watermark} takes bytes with RabbitMQ's units ({@code k}/{@code kiB}, {@code M}/{@code
 * MiB}, {@code G}/{@code GiB} are powers of 1024; {@code kB}, {@code MB}, {@code GB} powers of 1000);
 * 0, the default, turns flow control off.
 */
public final class Main {
    private static final String USAGE =
            "usage: java -jar event-contracts-harness-broker-standalone.jar [--amqp-port N] [--admin-port N] [--bind HOST] [--users FILE] [--data-dir DIR] [--memory-high-watermark BYTES]";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        HarnessBroker.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        HarnessBroker broker;
        try {
            broker = builder.build().start();
        } catch (UncheckedIOException e) {
            err.println(e.getCause().getMessage());
            return 1;
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
                + " admin=" + broker.bindAddress() + ":" + broker.adminPort());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static HarnessBroker.Builder parse(String[] args) {
        HarnessBroker.Builder b = HarnessBroker.builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
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
                case "--users" -> readUsers(Path.of(value), b);
                case "--memory-high-watermark" -> b.memoryHighWatermark(parseBytes(flag, value));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        return b;
    }

    private static int parsePort(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not a number; use e.g. " + flag + " 5672");
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
            b.user(line.substring(0, colon), line.substring(colon + 1));
        }
    }
}
