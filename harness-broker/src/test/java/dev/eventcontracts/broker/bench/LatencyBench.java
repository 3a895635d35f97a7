package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Latency at a fixed rate (issue 9 target: p99 under 1 ms at 1,000 msg/s): RabbitMQ PerfTest
 * 2.22.1, 1 producer / 1 consumer, 12-byte messages, {@code --rate 1000}, manual acks, against an
 * embedded harness broker and against RabbitMQ, alternating, in one run. Two variants:
 * non-persistent, and persistent with publisher confirms on a durable queue (harness with a data
 * directory, real {@code fsync}). Prints, per run, PerfTest's end-of-run consumer latency
 * percentiles (and confirm latency for the second variant) and the steady state after the client
 * JVM's warm-up (medians of PerfTest's per-second percentiles from second {@value #WARMUP_SECONDS}
 * on, and the worst second's p99); then medians over the repetitions and the ratio harness /
 * RabbitMQ. Each harness broker is warmed up with one unmeasured run first.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.LatencyBench
 * '/tmp/perftest/lib/*' [seconds] [repetitions] [parent of the harness data directory]}; a
 * data directory on tmpfs ({@code /dev/shm}) takes the disk's {@code fsync} out of the picture.
 */
public final class LatencyBench {
    private static final Pattern CONSUMER =
            Pattern.compile("consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+)");
    private static final Pattern CONFIRM =
            Pattern.compile("confirm latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+)");
    private static final Pattern RATE = Pattern.compile("receiving rate avg: (\\d+) msg/s");

    private LatencyBench() {}

    /**
     * Percentiles in microseconds of one run: PerfTest's whole-run consumer and confirm p50/p95/p99
     * (confirm -1 without confirms), and the steady state: medians over the 1-second windows after
     * the first {@link #WARMUP_SECONDS} of the per-second consumer p50/p95/p99, plus the worst
     * window's p99.
     */
    record Run(double rate, double[] consumer, double[] confirm, double[] steady) {}

    /**
     * Seconds at the start of each run left out of the steady-state figures: every run starts a
     * fresh PerfTest JVM, and its first seconds (interpreted client code, JIT) show consumer
     * latencies of 10-20 ms against either broker, which alone decide a whole-run p99.
     */
    static final int WARMUP_SECONDS = 5;

    private static final Pattern SECOND =
            Pattern.compile("time (\\d+)\\.\\d+ s,.*consumer latency: (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+)");

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String cp = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        URI rabbit = URI.create("amqp://guest:guest@127.0.0.1:5672");
        List<String> rabbitQueues = new ArrayList<>();
        Path data = args.length > 3
                ? Files.createTempDirectory(Path.of(args[3]), "ec-latency-bench")
                : Files.createTempDirectory("ec-latency-bench");
        try (HarnessBroker memory = HarnessBroker.builder().build().start();
                HarnessBroker durable =
                        HarnessBroker.builder().dataDirectory(data).build().start()) {
            List<String> plain = List.of("--rate", "1000");
            List<String> persistent = List.of("--rate", "1000", "-f", "persistent", "-c", "100");
            variant("non-persistent, manual ack", cp, memory.amqpUri(), rabbit, seconds, reps, plain, rabbitQueues);
            variant(
                    "persistent + confirms (-c 100), durable queue",
                    cp,
                    durable.amqpUri(),
                    rabbit,
                    seconds,
                    reps,
                    persistent,
                    rabbitQueues);
        } finally {
            deleteQueues(rabbit, rabbitQueues);
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void variant(
            String label,
            String cp,
            URI harness,
            URI rabbit,
            int seconds,
            int reps,
            List<String> flags,
            List<String> rq)
            throws Exception {
        run(cp, harness, Math.min(seconds, 15), "ec-lat-warmup-" + UUID.randomUUID(), flags);
        List<Run> h = new ArrayList<>();
        List<Run> r = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            String q = "ec-lat-" + UUID.randomUUID().toString().substring(0, 8);
            h.add(run(cp, harness, seconds, q, flags));
            rq.add(q);
            r.add(run(cp, rabbit, seconds, q, flags));
            System.out.printf(
                    "  %s run %d (load %s): harness %s | rabbitmq %s%n",
                    label, i + 1, loadAverage(), describe(h.get(i)), describe(r.get(i)));
        }
        String[] names = {"p50", "p95", "p99"};
        for (int k = 0; k < 3; k++) {
            double hm = median(h, k, false);
            double rm = median(r, k, false);
            System.out.printf(
                    "%s consumer latency %s: harness %.0f µs | rabbitmq %.0f µs | ratio %.2fx%n",
                    label, names[k], hm, rm, hm / rm);
        }
        String[] steadyNames = {"p50", "p95", "p99", "worst-window p99"};
        for (int k = 0; k < 4; k++) {
            int col = k;
            double hm = Stats.of(h.stream().mapToDouble(x -> x.steady()[col]).toArray())
                    .median();
            double rm = Stats.of(r.stream().mapToDouble(x -> x.steady()[col]).toArray())
                    .median();
            System.out.printf(
                    "%s steady-state (after %d s, median of 1-s windows) consumer latency %s: harness %.0f µs"
                            + " | rabbitmq %.0f µs | ratio %.2fx%n",
                    label, WARMUP_SECONDS, steadyNames[k], hm, rm, hm / rm);
        }
        if (h.get(0).confirm()[0] >= 0) {
            for (int k = 0; k < 3; k++) {
                double hm = median(h, k, true);
                double rm = median(r, k, true);
                System.out.printf(
                        "%s confirm latency %s: harness %.0f µs | rabbitmq %.0f µs | ratio %.2fx%n",
                        label, names[k], hm, rm, hm / rm);
            }
        }
    }

    /** The 1-minute load average from {@code /proc/loadavg}, or {@code ?} where there is none. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double median(List<Run> runs, int k, boolean confirm) {
        double[] v = runs.stream()
                .mapToDouble(x -> confirm ? x.confirm()[k] : x.consumer()[k])
                .toArray();
        return Stats.of(v).median();
    }

    private static String describe(Run run) {
        String s = String.format(
                "%.0f msg/s consumer p50/p95/p99 %.0f/%.0f/%.0f µs",
                run.rate(), run.consumer()[0], run.consumer()[1], run.consumer()[2]);
        if (run.confirm()[0] >= 0) {
            s += String.format(" confirm %.0f/%.0f/%.0f µs", run.confirm()[0], run.confirm()[1], run.confirm()[2]);
        }
        s += String.format(
                "; steady 1-s windows p50/p95/p99 %.0f/%.0f/%.0f µs, worst p99 %.0f µs",
                run.steady()[0], run.steady()[1], run.steady()[2], run.steady()[3]);
        return s;
    }

    private static Run run(String cp, URI uri, int seconds, String queue, List<String> flags) throws Exception {
        Process p = PerfTestBench.startPerfTest(cp, uri, seconds, queue, flags);
        double rate = -1;
        double[] consumer = {-1, -1, -1};
        double[] confirm = {-1, -1, -1};
        List<double[]> windows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = RATE.matcher(line);
                if (m.find()) {
                    rate = Double.parseDouble(m.group(1));
                }
                percentiles(CONSUMER.matcher(line), consumer);
                Matcher w = SECOND.matcher(line);
                if (w.find() && Integer.parseInt(w.group(1)) > WARMUP_SECONDS) {
                    windows.add(new double[] {
                        Double.parseDouble(w.group(3)), Double.parseDouble(w.group(5)), Double.parseDouble(w.group(6))
                    });
                }
                percentiles(CONFIRM.matcher(line), confirm);
            }
        }
        p.waitFor();
        if (consumer[0] < 0) {
            throw new IllegalStateException("PerfTest printed no consumer latency for " + uri + " " + flags);
        }
        if (windows.isEmpty()) {
            throw new IllegalStateException("PerfTest printed no per-second latency after " + WARMUP_SECONDS + " s for "
                    + uri + "; run longer than " + WARMUP_SECONDS + " s");
        }
        double[] steady = new double[4];
        for (int k = 0; k < 3; k++) {
            int col = k;
            steady[k] = Stats.of(windows.stream().mapToDouble(x -> x[col]).toArray())
                    .median();
        }
        steady[3] = windows.stream().mapToDouble(x -> x[2]).max().orElseThrow();
        return new Run(rate, consumer, confirm, steady);
    }

    /** Keeps median, 95th and 99th of a {@code min/median/75th/95th/99th} line (the last one wins). */
    private static void percentiles(Matcher m, double[] into) {
        if (m.find()) {
            into[0] = Double.parseDouble(m.group(2));
            into[1] = Double.parseDouble(m.group(4));
            into[2] = Double.parseDouble(m.group(5));
        }
    }

    private static void deleteQueues(URI uri, List<String> queues) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        try (Connection c = f.newConnection()) {
            for (String q : queues) {
                c.createChannel().queueDelete(q);
            }
        }
    }
}
