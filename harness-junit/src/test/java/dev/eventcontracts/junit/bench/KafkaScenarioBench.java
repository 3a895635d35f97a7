package dev.eventcontracts.junit.bench;

import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.junit.internal.scenario.KafkaContractSession;
import dev.eventcontracts.junit.internal.scenario.ScenarioSession;
import dev.eventcontracts.junit.samples.KafkaSamples;
import dev.eventcontracts.junit.samples.SampleContracts;
import dev.eventcontracts.kafka.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Wall time of all Kafka scenarios (a)–(o) of one consumer (the sample InventoryConsumer) on the
 * embedded KRaft broker, next to all AMQP scenarios (a)–(n) of the same consumer on the in-JVM
 * harness broker, alternating runs in one JVM, reporting medians and per-scenario medians for
 * Kafka. Session set-up is timed separately. Run by hand, never in CI (docs/benchmarks.md):
 *
 * <pre>
 * java -cp "$(cat /tmp/bench-cp.txt):target/classes:target/test-classes" \
 *     dev.eventcontracts.junit.bench.KafkaScenarioBench [repetitions]
 * </pre>
 */
public final class KafkaScenarioBench {

    private KafkaScenarioBench() {}

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Scenario> kafkaScenarios = Scenario.on(ContractScenario.Transport.KAFKA);
        try (HarnessBroker broker = HarnessBroker.builder().build().start();
                EmbeddedKafka kafka = EmbeddedKafka.startDefault()) {
            Callable<ScenarioSession> amqp = () -> new ContractSession(
                    SampleContracts.correct(), broker.amqpUri(), ContractSession.Options.defaults());
            Callable<ScenarioSession> onKafka = () -> new KafkaContractSession(
                    KafkaSamples.correct(),
                    kafka,
                    kafka.description(),
                    "embedded-kafka",
                    ContractSession.Options.defaults());
            run(amqp, Scenario.on(ContractScenario.Transport.AMQP), null); // warm-up
            run(onKafka, kafkaScenarios, null);
            List<long[]> amqpRuns = new ArrayList<>();
            List<long[]> kafkaRuns = new ArrayList<>();
            long[][] perScenario = new long[kafkaScenarios.size()][repetitions];
            for (int i = 0; i < repetitions; i++) {
                amqpRuns.add(run(amqp, Scenario.on(ContractScenario.Transport.AMQP), null));
                long[] scenarioMillis = new long[kafkaScenarios.size()];
                kafkaRuns.add(run(onKafka, kafkaScenarios, scenarioMillis));
                for (int s = 0; s < scenarioMillis.length; s++) {
                    perScenario[s][i] = scenarioMillis[s];
                }
            }
            System.out.printf("repetitions=%d  %s%n", repetitions, kafka.description());
            System.out.printf(
                    "all scenarios  kafka a-o median=%d ms (min %d, max %d)  amqp harness a-n median=%d ms (min %d,"
                            + " max %d)  ratio kafka/amqp=%.1f%n",
                    median(kafkaRuns, 1),
                    min(kafkaRuns, 1),
                    max(kafkaRuns, 1),
                    median(amqpRuns, 1),
                    min(amqpRuns, 1),
                    max(amqpRuns, 1),
                    (double) median(kafkaRuns, 1) / median(amqpRuns, 1));
            System.out.printf(
                    "session set-up kafka median=%d ms  amqp median=%d ms%n",
                    median(kafkaRuns, 0), median(amqpRuns, 0));
            StringBuilder line = new StringBuilder("kafka per scenario (median ms):");
            for (int s = 0; s < kafkaScenarios.size(); s++) {
                long[] values = perScenario[s].clone();
                java.util.Arrays.sort(values);
                line.append(' ')
                        .append(kafkaScenarios.get(s).letter())
                        .append('=')
                        .append(values[values.length / 2]);
            }
            System.out.println(line);
        }
    }

    /** {set-up millis, scenarios millis}; fills {@code perScenario} when given. */
    private static long[] run(Callable<ScenarioSession> open, List<Scenario> scenarios, long[] perScenario)
            throws Exception {
        long start = System.nanoTime();
        try (ScenarioSession session = open.call()) {
            long ready = System.nanoTime();
            for (int i = 0; i < scenarios.size(); i++) {
                long t = System.nanoTime();
                var result = session.run(scenarios.get(i));
                if (result.status() != ScenarioStatus.PASSED) {
                    throw new IllegalStateException(result.scenario() + ": " + result.describe());
                }
                if (perScenario != null) {
                    perScenario[i] = (System.nanoTime() - t) / 1_000_000;
                }
            }
            long done = System.nanoTime();
            return new long[] {(ready - start) / 1_000_000, (done - ready) / 1_000_000};
        }
    }

    private static long median(List<long[]> runs, int index) {
        long[] values = runs.stream().mapToLong(r -> r[index]).sorted().toArray();
        return values[values.length / 2];
    }

    private static long min(List<long[]> runs, int index) {
        return runs.stream().mapToLong(r -> r[index]).min().orElse(0);
    }

    private static long max(List<long[]> runs, int index) {
        return runs.stream().mapToLong(r -> r[index]).max().orElse(0);
    }
}
