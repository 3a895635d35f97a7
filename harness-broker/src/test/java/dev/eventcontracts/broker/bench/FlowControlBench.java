package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * What memory-alarm flow control costs and buys: RabbitMQ PerfTest 2.22.1, 1 unthrottled producer
 * and 1 consumer, 12-byte messages, manual ack with prefetch 200, against two embedded harness
 * brokers in one run, alternating: the reference with flow control off (the default) and one with
 * a {@code memoryHighWatermark}. Prints medians of the receive rate, the consumer latency and the
 * ratios (watermark / off). Both brokers are warmed up with one unmeasured run first. Each run's
 * queue is deleted afterwards: messages left in it would keep the alarm on for the next run.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.FlowControlBench
 * '/tmp/perftest/lib/*' [seconds] [repetitions] [watermark bytes]}
 */
public final class FlowControlBench {
    private FlowControlBench() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String cp = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long watermark = args.length > 3 ? Long.parseLong(args[3]) : 1L << 20;
        List<String> flags = List.of("-q", "200");
        try (HarnessBroker off = HarnessBroker.builder().build().start();
                HarnessBroker on = HarnessBroker.builder()
                        .memoryHighWatermark(watermark)
                        .build()
                        .start()) {
            URI offUri = off.amqpUri();
            URI onUri = on.amqpUri();
            run(cp, offUri, seconds, "ec-fc-warmup", flags);
            run(cp, onUri, seconds, "ec-fc-warmup", flags);
            double[] offRate = new double[reps];
            double[] onRate = new double[reps];
            double[] offLat = new double[reps];
            double[] onLat = new double[reps];
            for (int i = 0; i < reps; i++) {
                String q = "ec-fc-" + UUID.randomUUID().toString().substring(0, 8);
                PerfTestBench.Result a = run(cp, offUri, seconds, q, flags);
                PerfTestBench.Result b = run(cp, onUri, seconds, q, flags);
                offRate[i] = a.rate();
                onRate[i] = b.rate();
                offLat[i] = a.latencyMedianMicros() / 1000;
                onLat[i] = b.latencyMedianMicros() / 1000;
            }
            Stats offR = Stats.of(offRate);
            Stats onR = Stats.of(onRate);
            Stats offL = Stats.of(offLat);
            Stats onL = Stats.of(onLat);
            System.out.printf(
                    "receive rate: watermark %d B %s | off %s | ratio %.2fx%n",
                    watermark, onR.format("msg/s"), offR.format("msg/s"), onR.median() / offR.median());
            System.out.printf(
                    "consumer latency median: watermark %s | off %s | ratio %.3fx%n",
                    onL.format("ms"), offL.format("ms"), onL.median() / offL.median());
        }
    }

    private static PerfTestBench.Result run(String cp, URI uri, int seconds, String queue, List<String> flags)
            throws Exception {
        PerfTestBench.Result r = PerfTestBench.perfTest(cp, uri, seconds, queue, flags);
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        try (Connection c = f.newConnection()) {
            c.createChannel().queueDelete(queue);
        }
        return r;
    }
}
