package dev.eventcontracts.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online compaction: the data directory shrinks while the broker runs, and nothing live is lost. */
class OnlineCompactionTest {
    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();
    private static final LogOptions SMALL_SEGMENTS = LogOptions.DEFAULTS.withSegmentBytes(64 * 1024);

    @TempDir
    Path dir;

    private HarnessBroker start() {
        return HarnessBroker.builder()
                .dataDirectory(dir)
                .logOptions(SMALL_SEGMENTS)
                .build()
                .start();
    }

    private static Connection connect(HarnessBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    private long directoryBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path p : files.toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    private static byte[] body(String id) {
        byte[] b = new byte[1024];
        byte[] tag = id.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, b, 0, tag.length);
        return b;
    }

    private static String id(GetResponse r) {
        return new String(r.getBody(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void consumedSegments_areDeletedWhileRunning_andRestartRecoversExactlyTheLiveMessages() throws Exception {
        int messages = 2000;
        List<String> live = new ArrayList<>();
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.exchangeDeclare("orders", "direct", true);
            ch.queueDeclare("work", true, false, false, null);
            ch.queueBind("work", "orders", "placed");
            ch.basicPublish("orders", "placed", PERSISTENT, body("old"));
            for (int i = 0; i < messages; i++) {
                ch.basicPublish("orders", "placed", PERSISTENT, body("m" + i));
                if (i % 50 == 49) {
                    ch.waitForConfirmsOrDie(30_000);
                }
            }
            ch.waitForConfirmsOrDie(30_000);
            long full = directoryBytes();
            assertThat(broker.storeStatus().orElseThrow().segments()).isGreaterThan(10);

            // keep the first message unacked (delivered, outstanding) and ack all but the last 10
            GetResponse old = ch.basicGet("work", false);
            assertThat(id(old)).isEqualTo("old");
            for (int i = 0; i < messages - 10; i++) {
                GetResponse r = ch.basicGet("work", false);
                assertThat(id(r)).isEqualTo("m" + i);
                ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
            }
            live.add("old");
            for (int i = messages - 10; i < messages; i++) {
                live.add("m" + i);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> directoryBytes() < full / 10);
            StoreStatus status = broker.storeStatus().orElseThrow();
            assertThat(status.failed()).isFalse();
            assertThat(status.deletedSegments()).isGreaterThan(10);
            assertThat(status.reclaimedBytes()).isGreaterThan(full / 2);
            assertThat(status.relocatedMessages())
                    .as("the unacked first message was copied forward")
                    .isPositive();
            assertThat(status.liveMessages()).isEqualTo(11);
        }

        for (int restart = 0; restart < 2; restart++) {
            try (HarnessBroker broker = start();
                    Connection c = connect(broker)) {
                assertThat(broker.recoveryReport().orElseThrow().messages()).isEqualTo(11);
                assertThat(broker.recoveryReport().orElseThrow().bindings()).isEqualTo(1);
                Channel ch = c.createChannel();
                List<String> seen = new ArrayList<>();
                List<Long> tags = new ArrayList<>();
                GetResponse r;
                while ((r = ch.basicGet("work", false)) != null) {
                    assertThat(r.getEnvelope().isRedeliver()).isTrue();
                    seen.add(id(r));
                    tags.add(r.getEnvelope().getDeliveryTag());
                }
                assertThat(seen).containsExactlyElementsOf(live);
                // the exchange and binding outlived the segments that declared them
                ch.confirmSelect();
                ch.basicPublish("orders", "placed", PERSISTENT, body("routed" + restart));
                ch.waitForConfirmsOrDie(5000);
                assertThat(ch.queueDeclarePassive("work").getMessageCount()).isEqualTo(1);
                GetResponse routed = ch.basicGet("work", true);
                assertThat(id(routed)).isEqualTo("routed" + restart);
            }
        }
    }

    @Test
    void deletedQueue_releasesItsSegments_whileRunning() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare("doomed", true, false, false, null);
            ch.queueDeclare("kept", true, false, false, null);
            for (int i = 0; i < 500; i++) {
                ch.basicPublish("", "doomed", PERSISTENT, body("d" + i));
            }
            ch.waitForConfirmsOrDie(10_000);
            long full = directoryBytes();
            ch.queueDelete("doomed");
            ch.basicPublish("", "kept", PERSISTENT, body("k"));
            ch.waitForConfirmsOrDie(5000);
            await().atMost(Duration.ofSeconds(20)).until(() -> directoryBytes() < full / 4);
        }
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            RecoveryReport report = broker.recoveryReport().orElseThrow();
            assertThat(report.queues()).isEqualTo(1);
            assertThat(report.messages()).isEqualTo(1);
            assertThat(id(c.createChannel().basicGet("kept", true))).isEqualTo("k");
        }
    }
}
