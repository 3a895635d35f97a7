package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.store.RecoveryReport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Durable throughput and recovery: (1) PerfTest 2.22.1, 1 producer / 1 consumer, 12-byte
 * persistent messages with confirms ({@code -f persistent -c 192 -q 200 --multi-ack-every 200}),
 * against a harness broker with a data directory and against RabbitMQ, alternating; (2) the time
 * {@code start()} takes to recover N persistent messages.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.DurableBench
 * '/tmp/perftest/lib/*' [seconds] [repetitions] [recovery messages]}; recovery only: {@code
 * ... DurableBench recovery [messages]}
 */
public final class DurableBench {

    private DurableBench() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("recovery")) {
            recovery(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
            return;
        }
        String cp = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int recoveryMessages = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        URI rabbit = URI.create("amqp://guest:guest@127.0.0.1:5672");
        List<String> flags = List.of("-f", "persistent", "-c", "192", "-q", "200", "--multi-ack-every", "200");
        Path data = Files.createTempDirectory("ec-durable-bench");
        List<String> rabbitQueues = new ArrayList<>();
        try (HarnessBroker broker =
                HarnessBroker.builder().dataDirectory(data).build().start()) {
            perfTest(cp, broker.amqpUri(), seconds, "ec-dpt-warmup", flags);
            double[] h = new double[reps];
            double[] r = new double[reps];
            for (int i = 0; i < reps; i++) {
                String q = "ec-dpt-" + UUID.randomUUID().toString().substring(0, 8);
                h[i] = perfTest(cp, broker.amqpUri(), seconds, q, flags);
                rabbitQueues.add(q);
                r[i] = perfTest(cp, rabbit, seconds, q, flags);
            }
            Stats hs = Stats.of(h);
            Stats rs = Stats.of(r);
            System.out.printf(
                    "persistent+confirms: harness %s | rabbitmq %s | ratio %.2fx%n",
                    hs.format("msg/s"), rs.format("msg/s"), hs.median() / rs.median());
        } finally {
            deleteQueues(rabbit, rabbitQueues);
            delete(data);
        }
        recovery(recoveryMessages);
    }

    private static void recovery(int messages) throws Exception {
        Path data = Files.createTempDirectory("ec-recovery-bench");
        try {
            try (HarnessBroker broker =
                    HarnessBroker.builder().dataDirectory(data).build().start()) {
                ConnectionFactory f = new ConnectionFactory();
                f.setUri(broker.amqpUri());
                try (Connection c = f.newConnection()) {
                    Channel ch = c.createChannel();
                    ch.queueDeclare("recover", true, false, false, null);
                    ch.confirmSelect();
                    AMQP.BasicProperties persistent =
                            new AMQP.BasicProperties.Builder().deliveryMode(2).build();
                    byte[] body = "012345678901".getBytes(StandardCharsets.UTF_8);
                    for (int i = 1; i <= messages; i++) {
                        ch.basicPublish("", "recover", persistent, body);
                        if (i % 5000 == 0) {
                            ch.waitForConfirmsOrDie(60_000);
                        }
                    }
                    ch.waitForConfirmsOrDie(60_000);
                }
            }
            double[] millis = new double[5];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                try (HarnessBroker broker =
                        HarnessBroker.builder().dataDirectory(data).build().start()) {
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    RecoveryReport report = broker.recoveryReport().orElseThrow();
                    if (report.messages() != messages) {
                        throw new IllegalStateException("recovered " + report.messages() + " of " + messages);
                    }
                }
            }
            double[] read = new double[millis.length];
            long bytes = 0;
            for (int i = 0; i < read.length; i++) {
                long start = System.nanoTime();
                bytes = readAll(data);
                read[i] = (System.nanoTime() - start) / 1e6;
            }
            Stats recovery = Stats.of(millis);
            Stats floor = Stats.of(read);
            System.out.printf(
                    "recovery of %,d persistent messages: %s | sequential read of the same %,d log bytes: %s"
                            + " | ratio %.1fx%n",
                    messages, recovery.format("ms"), bytes, floor.format("ms"), recovery.median() / floor.median());
        } finally {
            delete(data);
        }
    }

    /** Reads every segment file once, sequentially, in 1 MiB chunks: the floor for a replay. */
    private static long readAll(Path dir) throws Exception {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(1 << 20);
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p)) {
                    int n;
                    while ((n = ch.read(buf.clear())) > 0) {
                        total += n;
                    }
                }
            }
        }
        return total;
    }

    private static double perfTest(String cp, URI uri, int seconds, String queue, List<String> flags) throws Exception {
        return PerfTestBench.perfTest(cp, uri, seconds, queue, flags).rate();
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

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
