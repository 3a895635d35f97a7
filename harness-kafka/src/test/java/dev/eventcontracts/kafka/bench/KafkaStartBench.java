package dev.eventcontracts.kafka.bench;

import dev.eventcontracts.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Start and stop of {@link EmbeddedKafka} next to spring-kafka-test's {@code
 * EmbeddedKafkaKraftBroker} (one KRaft node), alternating in one JVM after warm-up rounds. "start"
 * is until the broker accepts a produce request (the first record acknowledged); "stop" until
 * the call returns. Prints medians and min–max for docs/benchmarks.md.
 *
 * <pre>
 * java -cp … dev.eventcontracts.kafka.bench.KafkaStartBench [rounds, default 7] [warm-up, default 2]
 * java -cp … dev.eventcontracts.kafka.bench.KafkaStartBench cold ours|spring   (one start in a fresh JVM)
 * </pre>
 */
public final class KafkaStartBench {

    private KafkaStartBench() {}

    /** One started broker: its bootstrap servers and how to stop it. */
    private interface Running {
        String bootstrap();

        void stop() throws Exception;
    }

    private static Running ours() {
        EmbeddedKafka kafka = EmbeddedKafka.startDefault();
        return new Running() {
            public String bootstrap() {
                return kafka.bootstrapServers();
            }

            public void stop() {
                kafka.close();
            }
        };
    }

    private static Running spring() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        return new Running() {
            public String bootstrap() {
                return broker.getBrokersAsString();
            }

            public void stop() {
                broker.destroy();
            }
        };
    }

    private interface Starter {
        Running start() throws Exception;
    }

    /** Start + first acknowledged record, then stop; returns {startMillis, stopMillis}. */
    private static double[] once(Starter starter) throws Exception {
        long begin = System.nanoTime();
        Running running = starter.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrap()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("bench", "k", "v")).get(60, TimeUnit.SECONDS);
        }
        long started = System.nanoTime();
        running.stop();
        long stopped = System.nanoTime();
        return new double[] {(started - begin) / 1e6, (stopped - started) / 1e6};
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("cold")) {
            double[] t = once(args[1].equals("spring") ? KafkaStartBench::spring : KafkaStartBench::ours);
            System.out.printf("cold %s: start %.0f ms, stop %.0f ms%n", args[1], t[0], t[1]);
            System.exit(0);
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        for (int i = 0; i < warmup; i++) {
            once(KafkaStartBench::ours);
            once(KafkaStartBench::spring);
        }
        List<Double> oursStart = new ArrayList<>();
        List<Double> oursStop = new ArrayList<>();
        List<Double> springStart = new ArrayList<>();
        List<Double> springStop = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            boolean oursFirst = i % 2 == 0;
            for (int j = 0; j < 2; j++) {
                boolean isOurs = (j == 0) == oursFirst;
                double[] t = once(isOurs ? KafkaStartBench::ours : KafkaStartBench::spring);
                (isOurs ? oursStart : springStart).add(t[0]);
                (isOurs ? oursStop : springStop).add(t[1]);
            }
        }
        System.out.printf(
                "warm start (until first record acked), %d rounds: ours %s, spring-kafka-test %s, ours/spring %.2f%n",
                rounds, summary(oursStart), summary(springStart), median(oursStart) / median(springStart));
        System.out.printf(
                "stop: ours %s, spring-kafka-test %s, ours/spring %.2f%n",
                summary(oursStop), summary(springStop), median(oursStop) / median(springStop));
        System.out.println("load average: " + loadAverage());
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String summary(List<Double> values) {
        return String.format("%.0f ms (%.0f–%.0f)", median(values), Collections.min(values), Collections.max(values));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .strip();
        } catch (java.io.IOException e) {
            return Duration.ZERO.toString();
        }
    }
}
