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
 * directory, real {@code fsync}). Prints PerfTest's end-of-run consumer latency percentiles (and
 * confirm latency for the second variant) per run, then medians over the repetitions and the ratio
 * harness / RabbitMQ. Each harness broker is warmed up with one unmeasured run first.
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

    /** Percentiles in microseconds of one run: consumer p50/p95/p99, confirm p50/p95/p99 (or -1). */
    record Run(double rate, double[] consumer, double[] confirm) {}

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
        return s;
    }

    private static Run run(String cp, URI uri, int seconds, String queue, List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "java",
                "-cp",
                cp,
                "com.rabbitmq.perf.PerfTest",
                "-h",
                uri.toString(),
                "-x",
                "1",
                "-y",
                "1",
                "-s",
                "12",
                "-u",
                queue,
                "-ad",
                "false",
                "-z",
                String.valueOf(seconds)));
        cmd.addAll(flags);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double rate = -1;
        double[] consumer = {-1, -1, -1};
        double[] confirm = {-1, -1, -1};
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = RATE.matcher(line);
                if (m.find()) {
                    rate = Double.parseDouble(m.group(1));
                }
                percentiles(CONSUMER.matcher(line), consumer);
                percentiles(CONFIRM.matcher(line), confirm);
            }
        }
        p.waitFor();
        if (consumer[0] < 0) {
            throw new IllegalStateException("PerfTest printed no consumer latency for " + uri + " " + flags);
        }
        return new Run(rate, consumer, confirm);
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
