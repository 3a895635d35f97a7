package dev.eventcontracts.junit.bench;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.junit.samples.SampleContracts;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wall time of all 14 scenarios of one consumer (the sample InventoryConsumer), against the
 * in-JVM harness broker and against RabbitMQ, alternating runs, reporting medians. Session set-up
 * (connection, HTTP stub) is timed separately. Run by hand, never in CI:
 *
 * <pre>
 * java -cp "$(cat target/bench-classpath.txt):target/classes:target/test-classes" \
 *     dev.eventcontracts.junit.bench.ScenarioWallTimeBench [repetitions] [rabbitmq-uri]
 * </pre>
 */
public final class ScenarioWallTimeBench {

    private ScenarioWallTimeBench() {}

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        URI rabbit = URI.create(args.length > 1 ? args[1] : "amqp://guest:guest@127.0.0.1:5672");
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            run(broker.amqpUri()); // warm-up, both targets
            run(rabbit);
            List<long[]> harness = new ArrayList<>();
            List<long[]> rabbitMq = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                harness.add(run(broker.amqpUri()));
                rabbitMq.add(run(rabbit));
            }
            long hScen = median(harness, 1);
            long rScen = median(rabbitMq, 1);
            System.out.printf("repetitions=%d%n", repetitions);
            System.out.printf(
                    "scenarios a-n  harness median=%d ms (min %d, max %d)  rabbitmq median=%d ms (min %d, max %d)  ratio harness/rabbitmq=%.2f%n",
                    hScen,
                    min(harness, 1),
                    max(harness, 1),
                    rScen,
                    min(rabbitMq, 1),
                    max(rabbitMq, 1),
                    (double) hScen / rScen);
            System.out.printf(
                    "session set-up harness median=%d ms  rabbitmq median=%d ms%n",
                    median(harness, 0), median(rabbitMq, 0));
        }
    }

    /** {set-up millis, scenarios millis}. */
    private static long[] run(URI uri) throws Exception {
        long start = System.nanoTime();
        try (ContractSession session =
                new ContractSession(SampleContracts.correct(), uri, ContractSession.Options.defaults())) {
            long ready = System.nanoTime();
            for (Scenario scenario :
                    Scenario.on(dev.eventcontracts.annotations.contract.ContractScenario.Transport.AMQP)) {
                if (session.run(scenario).status() != ScenarioStatus.PASSED) {
                    throw new IllegalStateException(uri + ": " + session.results());
                }
            }
            long done = System.nanoTime();
            return new long[] {(ready - start) / 1_000_000, (done - ready) / 1_000_000};
        }
    }

    private static long median(List<long[]> runs, int index) {
        List<Long> values = new ArrayList<>(runs.stream().map(r -> r[index]).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static long min(List<long[]> runs, int index) {
        return runs.stream().mapToLong(r -> r[index]).min().orElse(0);
    }

    private static long max(List<long[]> runs, int index) {
        return runs.stream().mapToLong(r -> r[index]).max().orElse(0);
    }
}
