package dev.eventcontracts.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    @TempDir
    Path dir;

    private HarnessBroker start() {
        return HarnessBroker.builder().dataDirectory(dir).build().start();
    }

    private static Connection connect(HarnessBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    private static void publish(Channel ch, String exchange, String key, String body, AMQP.BasicProperties p)
            throws Exception {
        ch.basicPublish(exchange, key, p, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(GetResponse r) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }

    private void populate() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.exchangeDeclare("events", "topic", true);
            ch.queueDeclare("durable", true, false, false, Map.of("x-max-length", 100));
            ch.queueDeclare("transient", false, false, false, null);
            ch.queueBind("durable", "events", "order.#");
            ch.queueBind("transient", "events", "order.#");
            publish(ch, "events", "order.placed", "p1", PERSISTENT);
            publish(ch, "events", "order.placed", "p2", PERSISTENT);
            publish(ch, "events", "order.placed", "t1", null);
            ch.waitForConfirmsOrDie(5000);
            GetResponse first = ch.basicGet("durable", false);
            assertThat(body(first)).isEqualTo("p1");
            ch.basicAck(first.getEnvelope().getDeliveryTag(), false);
            ch.queueDeclarePassive("durable");
        }
    }

    @Test
    void restart_keepsDurableTopologyAndUnackedPersistentMessages_only() throws Exception {
        populate();
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            RecoveryReport report = broker.recoveryReport().orElseThrow();
            assertThat(report.exchanges()).isEqualTo(1);
            assertThat(report.queues()).isEqualTo(1);
            assertThat(report.bindings()).isEqualTo(1);
            assertThat(report.messages()).isEqualTo(1);
            assertThat(report.droppedBytes()).isZero();
            assertThat(report.summary()).contains("messages=1");

            Channel ch = c.createChannel();
            assertThat(ch.queueDeclarePassive("durable").getMessageCount()).isEqualTo(1);
            GetResponse p2 = ch.basicGet("durable", true);
            assertThat(body(p2)).isEqualTo("p2");
            assertThat(p2.getEnvelope().isRedeliver()).isTrue();
            assertThat(p2.getProps().getDeliveryMode()).isEqualTo(2);

            publish(ch, "events", "order.shipped", "after", null);
            assertThat(body(ch.basicGet("durable", true))).isEqualTo("after");
            ch.queueDeclare("durable", true, false, false, Map.of("x-max-length", 100));
            assertThatThrownBy(() -> c.createChannel().queueDeclarePassive("transient"))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void deletedQueueAndExchange_stayDeleted_andTheLogIsCompacted() throws Exception {
        populate();
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.queueDelete("durable");
            ch.exchangeDelete("events");
        }
        try (HarnessBroker broker = start()) {
            RecoveryReport report = broker.recoveryReport().orElseThrow();
            assertThat(report.queues()).isZero();
            assertThat(report.exchanges()).isZero();
            assertThat(report.messages()).isZero();
        }
        assertThat(segments()).hasSize(1);
    }

    @Test
    void tornTail_isCutOff_andReported() throws Exception {
        populate();
        Path last = segments().get(segments().size() - 1);
        Files.write(last, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            RecoveryReport report = broker.recoveryReport().orElseThrow();
            assertThat(report.droppedBytes()).isEqualTo(7);
            assertThat(report.dropped())
                    .contains("torn or corrupt tail")
                    .contains(last.getFileName().toString());
            assertThat(c.createChannel().queueDeclarePassive("durable").getMessageCount())
                    .isEqualTo(1);
        }
    }

    @Test
    void corruptRecord_failsItsChecksum_andItAndWhatFollowsAreDropped() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare("q", true, false, false, null);
            publish(ch, "", "q", "keep", PERSISTENT);
            ch.waitForConfirmsOrDie(5000);
            publish(ch, "", "q", "zzzz-corrupted", PERSISTENT);
            ch.waitForConfirmsOrDie(5000);
        }
        Path last = segments().get(segments().size() - 1);
        byte[] bytes = Files.readAllBytes(last);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("zzzz-corrupted");
        bytes[at] = 'Z';
        Files.write(last, bytes);
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            RecoveryReport report = broker.recoveryReport().orElseThrow();
            assertThat(report.droppedBytes()).isPositive();
            Channel ch = c.createChannel();
            assertThat(ch.queueDeclarePassive("q").getMessageCount()).isEqualTo(1);
            assertThat(body(ch.basicGet("q", true))).isEqualTo("keep");
        }
    }

    @Test
    void unknownFormatVersion_isRefusedWithTheFix() throws Exception {
        Files.write(dir.resolve("00000000000000000001.seg"), new byte[] {'E', 'C', 'B', 'L', 0, 0, 0, 9});
        assertThatThrownBy(this::start)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("format version 9")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void dataDirectoryThatIsAFile_isRefusedNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() ->
                        HarnessBroker.builder().dataDirectory(file).build().start())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot use data directory '" + file + "'");
    }

    @Test
    void deadLetteredPersistentMessage_survivesInTheDurableDeadLetterQueue() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.queueDeclare("dlq", true, false, false, null);
            ch.queueDeclare(
                    "work",
                    true,
                    false,
                    false,
                    Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "dlq"));
            publish(ch, "", "work", "poison", PERSISTENT);
            GetResponse g = ch.basicGet("work", false);
            ch.basicReject(g.getEnvelope().getDeliveryTag(), false);
            ch.queueDeclarePassive("dlq");
        }
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            assertThat(ch.queueDeclarePassive("work").getMessageCount()).isZero();
            GetResponse dead = ch.basicGet("dlq", true);
            assertThat(body(dead)).isEqualTo("poison");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> death =
                    (List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death");
            assertThat(death.get(0).get("reason").toString()).isEqualTo("rejected");
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void recoveredMessages_keepTheirOrder_andQueueTtlAppliesAgain() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare("short", true, false, false, Map.of("x-message-ttl", 300));
            ch.queueDeclare("limited", true, false, false, null);
            publish(ch, "", "short", "expires", PERSISTENT);
            for (int i = 0; i < 3; i++) {
                publish(ch, "", "limited", "m" + i, PERSISTENT);
            }
            ch.waitForConfirmsOrDie(5000);
        }
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            assertThat(broker.recoveryReport().orElseThrow().messages()).isEqualTo(4);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> ch.queueDeclarePassive("short").getMessageCount() == 0);
            assertThat(ch.queueDeclarePassive("limited").getMessageCount()).isEqualTo(3);
            assertThat(body(ch.basicGet("limited", true))).isEqualTo("m0");
        }
    }

    @Test
    void stateSpanningSeveralSegments_survivesRepeatedRestarts() throws Exception {
        byte[] body = new byte[100_000];
        int messages = 700;
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare("big", true, false, false, null);
            for (int i = 0; i < messages; i++) {
                ch.basicPublish("", "big", PERSISTENT, body);
            }
            ch.waitForConfirmsOrDie(30_000);
        }
        for (int restart = 0; restart < 2; restart++) {
            try (HarnessBroker broker = start()) {
                assertThat(broker.recoveryReport().orElseThrow().messages()).isEqualTo(messages);
            }
        }
        assertThat(segments()).hasSizeGreaterThan(1);
    }

    @Test
    void lengthLimitAndMessageTtl_applyAgainAfterRecovery(@TempDir Path crashed) throws Exception {
        AMQP.BasicProperties shortLived = PERSISTENT.builder().expiration("300").build();
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare("capped", true, false, false, Map.of("x-max-length", 3));
            ch.queueDeclare("ttl", true, false, false, null);
            for (int i = 0; i < 3; i++) {
                publish(ch, "", "capped", "c" + i, PERSISTENT);
            }
            ch.waitForConfirmsOrDie(5000);
            for (int i = 0; i < 3; i++) {
                assertThat(ch.basicGet("capped", false)).isNotNull(); // delivered, never acked
            }
            for (int i = 3; i < 6; i++) {
                publish(ch, "", "capped", "c" + i, PERSISTENT);
            }
            publish(ch, "", "ttl", "expires", shortLived);
            publish(ch, "", "ttl", "keeps", PERSISTENT);
            ch.waitForConfirmsOrDie(5000);
            // what a crash leaves: the synced log while c0..c2 are still delivered and unacked
            // (closing the broker would requeue them, and the queue would drop them there)
            copy(dir, crashed);
        }
        try (HarnessBroker broker =
                        HarnessBroker.builder().dataDirectory(crashed).build().start();
                Connection c = connect(broker)) {
            assertThat(broker.recoveryReport().orElseThrow().messages()).isEqualTo(8);
            Channel ch = c.createChannel();
            // six unacked messages came back to a queue capped at three: drop-head keeps the newest
            assertThat(ch.queueDeclarePassive("capped").getMessageCount()).isEqualTo(3);
            assertThat(body(ch.basicGet("capped", false))).isEqualTo("c3");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> ch.queueDeclarePassive("ttl").getMessageCount() == 1);
            assertThat(body(ch.basicGet("ttl", false))).isEqualTo("keeps");
        }
        try (HarnessBroker broker =
                HarnessBroker.builder().dataDirectory(crashed).build().start()) {
            // the drops and the expiry were logged: they stay gone
            assertThat(broker.recoveryReport().orElseThrow().messages()).isEqualTo(4);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
