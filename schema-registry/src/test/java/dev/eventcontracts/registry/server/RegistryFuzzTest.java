package dev.eventcontracts.registry.server;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.testing.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded mutation fuzzing of the registry's HTTP endpoints over the file store (issue 19): no 5xx,
 * every request answered, and a valid request served afterwards. The seed is in the message;
 * {@code FuzzBench} runs the same cases for longer.
 */
class RegistryFuzzTest {

    @TempDir
    Path storage;

    @Test
    void malformedHugeDeepAndOddRequests_neverGet5xx_andTheRegistryServesAfterwards() {
        long seed = System.nanoTime();
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder()
                .storage(storage)
                .maxBodyBytes(64 * 1024)
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2))
                .build()
                .start()) {
            RegistryFuzz.Result result = new RegistryFuzz(registry.port(), 64 * 1024).run(seed, 1_500, 10_000_000_000L);

            assertThat(result.failures())
                    .as("seed %d, statuses %s", seed, result.statuses())
                    .isEmpty();
            assertThat(result.cases()).as("cases run in the time budget").isGreaterThan(100);
            Http http = new Http(registry.uri());
            Http.Reply created = http.send(
                    "POST", "/groups/after/artifacts", ORDER_V1, Map.of("X-Registry-ArtifactId", "after-fuzz"));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(http.get("/groups/after/artifacts/after-fuzz").status()).isEqualTo(200);
        }
    }
}
