package dev.eventcontracts.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test: the standalone broker runs in a child JVM, a publisher with confirms sends
 * persistent messages, and the child is killed with {@code kill -9} at a random point while publishing. After each
 * restart every confirmed message must be present exactly once.
 */
class CrashRecoveryTest {
    private static final Pattern READY = Pattern.compile("ready amqp=127\\.0\\.0\\.1:(\\d+)");
    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    @TempDir
    Path dir;

    private final Random random = new Random(20261126);

    /** A child JVM running the standalone broker. */
    private record Child(Process process, int port) {}

    private Child startChild() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.eventcontracts.broker.Main",
                        "--data-dir",
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new IllegalStateException("child broker exited before its ready line");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return new Child(p, port.get(30, TimeUnit.SECONDS));
    }

    private static Connection connect(int port) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(port);
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    @Test
    void killDashNine_whilePublishing_losesNoConfirmedMessage() throws Exception {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        int next = 0;
        for (int round = 0; round < 3; round++) {
            Child child = startChild();
            try {
                next = publishUntilKilled(child, next, confirmed);
            } finally {
                child.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(confirmed).hasSizeGreaterThanOrEqualTo(3 * 300);

        Child last = startChild();
        try (Connection c = connect(last.port())) {
            Channel ch = c.createChannel();
            Map<String, Integer> seen = new HashMap<>();
            GetResponse r;
            while ((r = ch.basicGet("crash", true)) != null) {
                seen.merge(new String(r.getBody(), StandardCharsets.UTF_8), 1, Integer::sum);
                assertThat(r.getEnvelope().isRedeliver()).isTrue();
            }
            assertThat(seen.keySet()).containsAll(confirmed);
            assertThat(seen.values()).allMatch(n -> n == 1);
        } finally {
            last.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Publishes from a second thread and kills the child once enough were confirmed. */
    private int publishUntilKilled(Child child, int first, Set<String> confirmed) throws Exception {
        ConcurrentNavigableMap<Long, String> outstanding = new ConcurrentSkipListMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        int[] published = {first};
        Connection c = connect(child.port());
        Channel ch = c.createChannel();
        ch.queueDeclare("crash", true, false, false, null);
        ch.confirmSelect();
        ch.addConfirmListener(
                (seq, multiple) -> {
                    ConcurrentNavigableMap<Long, String> done =
                            multiple ? outstanding.headMap(seq, true) : outstanding.subMap(seq, true, seq, true);
                    confirmed.addAll(done.values());
                    done.clear();
                },
                (seq, multiple) -> {
                    throw new AssertionError("broker nacked publish " + seq);
                });
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            try {
                while (!stop.get()) {
                    String id = "m-" + published[0];
                    outstanding.put(ch.getNextPublishSeqNo(), id);
                    ch.basicPublish("", "crash", PERSISTENT, id.getBytes(StandardCharsets.UTF_8));
                    published[0]++;
                }
            } catch (Exception e) {
                // the broker was killed under us
            }
        });
        int target = confirmed.size() + 300 + random.nextInt(700);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(2))
                .until(() -> confirmed.size() >= target);
        child.process().destroyForcibly();
        child.process().waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        publisher.get(10, TimeUnit.SECONDS);
        try {
            c.abort();
        } catch (RuntimeException e) {
            // already gone
        }
        return published[0];
    }
}
