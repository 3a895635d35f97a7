package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ PerfTest 2.22.1 (1 producer, 1 consumer, 12-byte messages) against an embedded harness
 * broker and against RabbitMQ, alternating, in one run; prints medians of the receive rate and
 * consumer latency. The harness JVM is warmed up with one unmeasured run first (RabbitMQ is a
 * long-running, warm process). Queues get unique names and are deleted afterwards.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.PerfTestBench
 * '/tmp/perftest/lib/*' [seconds] [repetitions]}
 */
public final class PerfTestBench {
    private static final Pattern RATE = Pattern.compile("receiving rate avg: (\\d+) msg/s");
    private static final Pattern LATENCY = Pattern.compile("consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/");

    private PerfTestBench() {}

    /** One PerfTest run: receiving rate (msg/s) and consumer latency median (µs). */
    record Result(double rate, double latencyMedianMicros) {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String perfTestClasspath = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        URI rabbit = URI.create("amqp://guest:guest@127.0.0.1:5672");
        String[][] modes = {{"auto-ack", "-a"}, {"manual-ack prefetch 200", "-q", "200"}};
        List<String> rabbitQueues = new ArrayList<>();
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            URI harness = broker.amqpUri();
            perfTest(perfTestClasspath, harness, seconds, "ec-pt-warmup", List.of("-a"));
            for (String[] mode : modes) {
                List<String> flags = List.of(mode).subList(1, mode.length);
                double[] hRate = new double[reps];
                double[] rRate = new double[reps];
                double[] hLat = new double[reps];
                double[] rLat = new double[reps];
                for (int i = 0; i < reps; i++) {
                    String q = "ec-pt-" + UUID.randomUUID().toString().substring(0, 8);
                    Result h = perfTest(perfTestClasspath, harness, seconds, q, flags);
                    rabbitQueues.add(q);
                    Result r = perfTest(perfTestClasspath, rabbit, seconds, q, flags);
                    hRate[i] = h.rate();
                    rRate[i] = r.rate();
                    hLat[i] = h.latencyMedianMicros() / 1000;
                    rLat[i] = r.latencyMedianMicros() / 1000;
                }
                Stats h = Stats.of(hRate);
                Stats r = Stats.of(rRate);
                System.out.printf(
                        "%s: harness %s | rabbitmq %s | ratio %.2fx%n",
                        mode[0], h.format("msg/s"), r.format("msg/s"), h.median() / r.median());
                System.out.printf(
                        "%s latency median: harness %s | rabbitmq %s%n",
                        mode[0], Stats.of(hLat).format("ms"), Stats.of(rLat).format("ms"));
            }
        } finally {
            deleteQueues(rabbit, rabbitQueues);
        }
    }

    /**
     * Starts PerfTest (its own JVM, output and errors merged) with 1 producer / 1 consumer, 12-byte
     * messages, on queue {@code queue} for {@code seconds}, with extra {@code flags}; shared with
     * {@link LatencyBench}.
     */
    static Process startPerfTest(String cp, URI uri, int seconds, String queue, List<String> flags) throws IOException {
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
        return p;
    }

    /**
     * Runs PerfTest 1 producer / 1 consumer, 12-byte messages, on queue {@code queue} for {@code
     * seconds}, with extra {@code flags}; shared with {@link DurableBench}.
     */
    static Result perfTest(String cp, URI uri, int seconds, String queue, List<String> flags) throws Exception {
        Process p = startPerfTest(cp, uri, seconds, queue, flags);
        double rate = -1;
        double latency = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = RATE.matcher(line);
                if (m.find()) {
                    rate = Double.parseDouble(m.group(1));
                }
                Matcher l = LATENCY.matcher(line);
                if (l.find()) {
                    latency = Double.parseDouble(l.group(2));
                }
            }
        }
        p.waitFor();
        if (rate < 0) {
            throw new IllegalStateException("PerfTest printed no receiving rate for " + uri + " " + flags);
        }
        return new Result(rate, latency);
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
