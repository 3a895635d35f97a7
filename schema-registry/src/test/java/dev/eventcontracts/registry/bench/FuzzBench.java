package dev.eventcontracts.registry.bench;

import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.server.RegistryFuzz;
import dev.eventcontracts.registry.testing.Avsc;
import dev.eventcontracts.registry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The longer run of the registry HTTP fuzzer ({@code RegistryFuzzTest} in CI) over a file store in
 * a temporary directory: rounds of fuzz cases (one connection each) with cases per second next to
 * the rate of valid GETs on fresh connections in the same run, the statuses answered, and any
 * failure (5xx or no answer) with its seed.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.registry.bench.FuzzBench [rounds] [casesPerRound]}
 */
public final class FuzzBench {
    private FuzzBench() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 19L;
        Path dir = Files.createTempDirectory("registry-fuzz");
        double[] fuzzRates = new double[rounds];
        double[] validRates = new double[rounds];
        Map<Integer, Integer> statuses = new TreeMap<>();
        long cases = 0;
        long failures = 0;
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .storage(dir)
                .maxBodyBytes(64 * 1024)
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2))
                .build()
                .start()) {
            Http http = new Http(registry.uri());
            http.send("POST", "/groups/bench/artifacts", Avsc.ORDER_V1, Map.of("X-Registry-ArtifactId", "valid"));
            RegistryFuzz fuzz = new RegistryFuzz(registry.port(), 64 * 1024);
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                RegistryFuzz.Result result = fuzz.run(seed + (long) r * perRound, perRound, Long.MAX_VALUE);
                fuzzRates[r] = result.cases() / ((System.nanoTime() - t0) / 1e9);
                result.statuses().forEach((status, n) -> statuses.merge(status, n, Integer::sum));
                result.failures().forEach(f -> System.out.println("FAILURE " + f));
                cases += result.cases();
                failures += result.failures().size();
                int valid = perRound / 4;
                long v0 = System.nanoTime();
                for (int i = 0; i < valid; i++) {
                    if (fuzz.validCase("/apis/registry/v2/groups/bench/artifacts/valid") != 200) {
                        failures++;
                        System.out.println("FAILURE valid GET after round " + r);
                    }
                }
                validRates[r] = valid / ((System.nanoTime() - v0) / 1e9);
            }
        }
        System.out.println("registry fuzz cases: " + format(fuzzRates, "cases/s"));
        System.out.println(
                "valid GETs on raw sockets, new connection each (reference): " + format(validRates, "requests/s"));
        System.out.println("total cases " + cases + ", failures " + failures + ", statuses " + statuses);
    }

    private static String format(double[] values, String unit) {
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(
                "median %.1f %s (min %.1f, max %.1f, n=%d)", median, unit, v[0], v[v.length - 1], v.length);
    }
}
