package dev.eventcontracts.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store shared by two JVMs, and after a JVM is killed in the middle of writing. */
class FileStoreProcessesTest {

    private static final int COUNT = 25;

    @TempDir
    Path dir;

    @Test
    void twoProcesses_writingAtOnce_loseNothingAndShareOneIdSequence() throws Exception {
        RegistryStore.open(dir).close();
        Process child = spawn(dir, "child", COUNT);
        CountDownLatch childReady = new CountDownLatch(1);
        CompletableFuture<List<String>> childOutput = CompletableFuture.supplyAsync(() -> lines(child, childReady));
        assertThat(childReady.await(60, TimeUnit.SECONDS)).as("child started").isTrue();

        StoreWriter.main(new String[] {dir.toString(), "parent", String.valueOf(COUNT)});

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(childOutput.get(10, TimeUnit.SECONDS)).contains("done " + COUNT);
        assertThat(child.exitValue()).isZero();
        try (RegistryStore store = RegistryStore.open(dir)) {
            assertThat(store.artifacts(null)).hasSize(2 * COUNT + 1);
            ArtifactRecord shared = store.artifact(null, "shared");
            assertThat(shared.versions()).hasSize(2 * COUNT);
            assertThat(shared.versions().stream().map(VersionRecord::version).distinct())
                    .hasSize(2 * COUNT);
            Set<Long> globalIds = new HashSet<>();
            store.artifacts(null).forEach(a -> a.versions().forEach(v -> globalIds.add(v.globalId())));
            assertThat(globalIds).hasSize(4 * COUNT);
        }
    }

    @Test
    void killedWriter_leavesAStoreThatOpensWithEveryCommittedVersion() throws Exception {
        RegistryStore.open(dir).close();
        Process child = spawn(dir, "victim", -1);
        AtomicInteger written = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("wrote ") && written.incrementAndGet() >= 15) {
                        enough.countDown();
                    }
                }
            } catch (IOException e) {
                // the child was killed: its output ends here
            }
        });
        assertThat(enough.await(60, TimeUnit.SECONDS))
                .as("child wrote 15 subjects")
                .isTrue();

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (RegistryStore store = RegistryStore.open(dir)) {
            List<ArtifactRecord> artifacts = store.artifacts(null);
            assertThat(artifacts.size()).isGreaterThanOrEqualTo(15);
            for (ArtifactRecord artifact : artifacts) {
                for (VersionRecord version : artifact.versions()) {
                    assertThat(store.schema(store.version(null, artifact.artifactId(), version.version())))
                            .isNotNull();
                }
            }
            Registered after = store.create(
                    null,
                    "after-crash",
                    null,
                    NewVersion.of(dev.eventcontracts.registry.testing.Avsc.ORDER_V1),
                    IfExists.FAIL,
                    false);
            long maxBefore = artifacts.stream()
                    .flatMap(a -> a.versions().stream())
                    .mapToLong(VersionRecord::globalId)
                    .max()
                    .orElse(0);
            assertThat(after.version().globalId()).isGreaterThan(maxBefore);
        }
    }

    private static Process spawn(Path dir, String prefix, int count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreWriter.class.getName(),
                        dir.toString(),
                        prefix,
                        String.valueOf(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<String> lines(Process process, CountDownLatch ready) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new java.util.ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.equals("ready")) {
                    ready.countDown();
                }
            }
            return lines;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
