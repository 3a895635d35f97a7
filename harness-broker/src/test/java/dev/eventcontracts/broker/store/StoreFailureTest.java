package dev.eventcontracts.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory that cannot be written: refused at start naming it and the fix; a write or sync
 * failure while running nacks the affected persistent publishes, is reported in the store status,
 * and leaves a log that recovers everything confirmed before it.
 */
class StoreFailureTest {
    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    @TempDir
    Path dir;

    /** Fails the named operation ("write", "fsync", "create") once armed, like a full disk. */
    private final AtomicReference<String> failing = new AtomicReference<>("");

    private final LogOptions hooked = LogOptions.DEFAULTS.withWriteHook((segment, operation) -> {
        if (operation.equals(failing.get())) {
            throw new IOException("No space left on device");
        }
    });

    private static Connection connect(HarnessBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    /** Publisher-confirm outcomes by publish sequence number. */
    private static final class Outcomes implements ConfirmListener {
        final Set<Long> acked = ConcurrentHashMap.newKeySet();
        final Set<Long> nacked = ConcurrentHashMap.newKeySet();
        private long highest;

        @Override
        public void handleAck(long seq, boolean multiple) {
            record(acked, seq, multiple);
        }

        @Override
        public void handleNack(long seq, boolean multiple) {
            record(nacked, seq, multiple);
        }

        private synchronized void record(Set<Long> into, long seq, boolean multiple) {
            for (long s = multiple ? highest + 1 : seq; s <= seq; s++) {
                if (!acked.contains(s) && !nacked.contains(s)) {
                    into.add(s);
                }
            }
            highest = Math.max(highest, seq);
        }
    }

    private void writeFailure_nacksPersistentPublishes_andTheLogStaysRecoverable(String operation) throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder()
                        .dataDirectory(dir)
                        .logOptions(hooked)
                        .build()
                        .start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            Outcomes outcomes = new Outcomes();
            ch.addConfirmListener(outcomes);
            ch.confirmSelect();
            ch.queueDeclare("orders", true, false, false, null);
            for (int i = 0; i < 5; i++) {
                ch.basicPublish("", "orders", PERSISTENT, ("ok" + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(5000);
            assertThat(outcomes.acked).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);

            failing.set(operation);
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", "orders", PERSISTENT, ("lost" + i).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(ch.waitForConfirms(5000)).isFalse();
            assertThat(outcomes.nacked).containsExactlyInAnyOrder(6L, 7L, 8L);
            assertThat(outcomes.acked).doesNotContain(6L, 7L, 8L);

            // later persistent publishes are refused too, even once the device recovers
            failing.set("");
            ch.basicPublish("", "orders", PERSISTENT, "after".getBytes(StandardCharsets.UTF_8));
            assertThat(ch.waitForConfirms(5000)).isFalse();
            assertThat(outcomes.nacked).contains(9L);

            StoreStatus status = broker.storeStatus().orElseThrow();
            assertThat(status.failed()).isTrue();
            assertThat(status.failure())
                    .contains("'" + dir + "'")
                    .contains("No space left on device")
                    .contains("free disk space");
        }
        try (HarnessBroker broker =
                        HarnessBroker.builder().dataDirectory(dir).build().start();
                Connection c = connect(broker)) {
            RecoveryReport report = broker.recoveryReport().orElseThrow();
            assertThat(report.droppedBytes())
                    .as("no partial record was left behind")
                    .isZero();
            assertThat(report.messages()).isEqualTo(5);
            Channel ch = c.createChannel();
            for (int i = 0; i < 5; i++) {
                assertThat(new String(ch.basicGet("orders", true).getBody(), StandardCharsets.UTF_8))
                        .isEqualTo("ok" + i);
            }
        }
    }

    @Test
    void failingWrite_nacksTheAffectedPublishes_andLaterOnes() throws Exception {
        writeFailure_nacksPersistentPublishes_andTheLogStaysRecoverable("write");
    }

    @Test
    void failingFsync_nacksTheWrittenButUnsyncedPublishes_andCutsThemBack() throws Exception {
        writeFailure_nacksPersistentPublishes_andTheLogStaysRecoverable("fsync");
    }

    @Test
    void afterAWriteFailure_aPersistentPublishWithoutConfirms_closesTheConnectionWith541() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder()
                .dataDirectory(dir)
                .logOptions(hooked)
                .build()
                .start()) {
            Connection c = connect(broker);
            Channel confirms = c.createChannel();
            confirms.confirmSelect();
            confirms.queueDeclare("orders", true, false, false, null);
            failing.set("fsync");
            confirms.basicPublish("", "orders", PERSISTENT, "lost".getBytes(StandardCharsets.UTF_8));
            assertThat(confirms.waitForConfirms(5000)).isFalse();

            Channel plain = c.createChannel();
            plain.basicPublish("", "orders", PERSISTENT, "unconfirmed".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.isOpen());
            assertThat(c.getCloseReason().getReason())
                    .asString()
                    .contains("reply-code=541")
                    .contains("persistent messages cannot be stored")
                    .contains("'" + dir + "'");
            c.abort();
        }
    }

    @Test
    void dataDirectoryDeletedWhileRunning_nacksTheNextPersistentPublish() throws Exception {
        try (HarnessBroker broker =
                        HarnessBroker.builder().dataDirectory(dir).build().start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare("orders", true, false, false, null);
            ch.basicPublish("", "orders", PERSISTENT, "ok".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(5000);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            ch.basicPublish("", "orders", PERSISTENT, "gone".getBytes(StandardCharsets.UTF_8));
            assertThat(ch.waitForConfirms(5000)).isFalse();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> broker.storeStatus().orElseThrow().failed());
            assertThat(broker.storeStatus().orElseThrow().failure())
                    .contains("no such file or directory")
                    .contains("deleted while the broker was running");
            // transient messages are not affected
            ch.basicPublish("", "orders", null, "transient".getBytes(StandardCharsets.UTF_8));
            assertThat(ch.waitForConfirms(5000)).isTrue();
        }
    }

    @Test
    void unwritableDataDirectory_isRefusedAtStart_namingItAndTheFix() {
        LogOptions denied = LogOptions.DEFAULTS.withWriteHook((segment, operation) -> {
            throw new AccessDeniedException(segment.toString());
        });
        assertThatThrownBy(() -> HarnessBroker.builder()
                        .dataDirectory(dir)
                        .logOptions(denied)
                        .build()
                        .start())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot use data directory '" + dir + "'")
                .hasMessageContaining("permission denied")
                .hasMessageContaining("Pass a writable directory");
    }

    @Test
    void dataDirectoryUnderAFile_isRefusedAtStart_namingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path missing = file.resolve("data");
        assertThatThrownBy(() ->
                        HarnessBroker.builder().dataDirectory(missing).build().start())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot use data directory '" + missing + "'")
                .hasMessageContaining("Pass a writable directory");
    }
}
