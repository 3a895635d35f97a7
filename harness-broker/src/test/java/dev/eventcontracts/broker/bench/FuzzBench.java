package dev.eventcontracts.broker.bench;

import dev.eventcontracts.broker.fuzz.ConnectionFuzz;
import java.util.Map;
import java.util.TreeMap;

/**
 * The longer run of the AMQP connection fuzzer ({@code ConnectionFuzzTest} in CI): rounds of
 * mutated and split frames on in-memory channels, with the cases per second next to the rate of
 * well-behaved sessions (handshake + {@code queue.declare}) measured in the same run, the close
 * codes the server chose, and any failure with its seed.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.FuzzBench [rounds] [casesPerRound]}
 */
public final class FuzzBench {
    private FuzzBench() {}

    /** Entry point. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 19L;
        double[] fuzzRates = new double[rounds];
        double[] validRates = new double[rounds];
        Map<Integer, Integer> codes = new TreeMap<>();
        long cases = 0;
        long failures = 0;
        for (int r = 0; r < rounds; r++) {
            ConnectionFuzz fuzz = new ConnectionFuzz();
            long t0 = System.nanoTime();
            ConnectionFuzz.Result result = fuzz.run(seed + (long) r * perRound, perRound, Long.MAX_VALUE);
            fuzzRates[r] = result.cases() / ((System.nanoTime() - t0) / 1e9);
            result.closeCodes().forEach((code, n) -> codes.merge(code, n, Integer::sum));
            result.failures().forEach(f -> System.out.println("FAILURE " + f));
            cases += result.cases();
            failures += result.failures().size();
            int valid = perRound / 10;
            long v0 = System.nanoTime();
            for (int i = 0; i < valid; i++) {
                if (!fuzz.servesAValidClient()) {
                    System.out.println("FAILURE valid client not served after round " + r);
                    failures++;
                }
            }
            validRates[r] = valid / ((System.nanoTime() - v0) / 1e9);
        }
        System.out.println("amqp fuzz cases: " + Stats.of(fuzzRates).format("cases/s"));
        System.out.println("valid sessions (reference): " + Stats.of(validRates).format("sessions/s"));
        System.out.println("total cases " + cases + ", failures " + failures + ", close codes " + codes);
    }
}
