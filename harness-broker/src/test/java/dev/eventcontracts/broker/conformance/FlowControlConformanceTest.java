package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Memory-alarm flow control with the official Java client. Only the capability advertisement is
 * checked against the RabbitMQ oracle: the oracle is shared and its memory watermark must not be
 * reconfigured, so its alarm cannot be raised from a test. Everything else runs against a harness
 * broker with a small {@code memoryHighWatermark}, where "memory" is the bytes of queued message
 * bodies and headers, so the alarm fires at an exact message.
 */
class FlowControlConformanceTest extends ConformanceBase {
    /** Body size; with empty properties (2 header bytes) each message holds 1002 bytes. */
    private static final int BODY = 1000;
    /** Ten messages (10,020 bytes) are above it, nine (9,018) are not. */
    private static final long WATERMARK = 10_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeOwnBrokers() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
        closeAfter.clear();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void serverProperties_advertiseConnectionBlocked(Target t) throws Exception {
        Connection c = open(t);
        @SuppressWarnings("unchecked")
        Map<String, Object> caps = (Map<String, Object>) c.getServerProperties().get("capabilities");
        assertThat(caps).containsEntry("connection.blocked", true);
    }

    /** Harness only (see the class comment). */
    @Test
    void publisherAboveWatermark_isBlocked_consumerDrains_thenUnblocked_andEveryMessageArrivesOnce() throws Exception {
        HarnessBroker broker =
                HarnessBroker.builder().memoryHighWatermark(WATERMARK).build().start();
        closeAfter.add(broker);
        Target harness = new Target("harness-watermark", broker.amqpUri(), false);

        Connection publisher = open(harness);
        List<String> blockedReasons = new CopyOnWriteArrayList<>();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch unblocked = new CountDownLatch(1);
        publisher.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blockedReasons.add(reason);
                blocked.countDown();
            }

            @Override
            public void handleUnblocked() {
                unblocked.countDown();
            }
        });
        Channel pub = publisher.createChannel();
        String queue = name("flow");
        pub.queueDeclare(queue, false, false, false, null);
        pub.confirmSelect();
        NavigableSet<Long> unconfirmed = trackConfirms(pub);

        publish(pub, unconfirmed, queue, 0, 10); // 10,020 bytes: above the watermark
        pub.waitForConfirmsOrDie(5000);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> node(broker).get("mem_alarm").asBoolean());
        assertThat(node(broker).get("mem_used").asLong()).isEqualTo(10 * (BODY + 2L));
        assertThat(node(broker).get("mem_limit").asLong()).isEqualTo(WATERMARK);
        assertThat(connectionStates(broker)).containsExactly("blocking");

        // The first publish during the alarm is routed, then the connection is blocked: the ten
        // after it stay unread and unconfirmed.
        publish(pub, unconfirmed, queue, 10, 11);
        assertThat(blocked.await(5, TimeUnit.SECONDS))
                .as("connection.blocked received")
                .isTrue();
        assertThat(blockedReasons).containsExactly("low on memory");
        assertThat(unconfirmed)
                .containsExactlyElementsOf(LongStream.rangeClosed(12, 21).boxed()::iterator);
        assertThat(messagesReady(broker, queue)).isEqualTo(11);
        assertThat(connectionStates(broker)).containsExactly("blocked");
        assertThat(metrics(broker))
                .contains("harness_memory_alarm 1.0")
                .contains("harness_connections_blocked 1.0")
                .contains("harness_memory_used_bytes " + 11 * (BODY + 2L) + ".0");

        // A consume-only connection opened during the alarm is "blocking", never blocked: it drains.
        Connection consumer = open(harness);
        assertThat(connectionStates(broker)).containsExactlyInAnyOrder("blocked", "blocking");
        Channel sub = consumer.createChannel();
        sub.basicQos(5);
        List<Integer> received = new CopyOnWriteArrayList<>();
        DeliverCallback onDelivery = (tag, d) -> {
            received.add(Integer.parseInt(new String(d.getBody(), StandardCharsets.US_ASCII).strip()));
            sub.basicAck(d.getEnvelope().getDeliveryTag(), false);
        };
        sub.basicConsume(queue, false, onDelivery, tag -> {});

        assertThat(unblocked.await(10, TimeUnit.SECONDS))
                .as("connection.unblocked received")
                .isTrue();
        pub.waitForConfirmsOrDie(10_000);
        publish(pub, unconfirmed, queue, 21, 10); // publishing resumes
        pub.waitForConfirmsOrDie(10_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 31);
        assertThat(received).containsExactlyElementsOf(LongStream.range(0, 31).mapToObj(i -> (int) i)::iterator);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> node(broker).get("mem_used").asLong() == 0);
        assertThat(node(broker).get("mem_alarm").asBoolean()).isFalse();
        assertThat(connectionStates(broker)).containsExactly("running", "running");
        assertThat(metrics(broker)).contains("harness_memory_alarm 0.0");
    }

    /** Harness only (see the class comment). */
    @Test
    void watermarkChangedAtRuntime_blocksThePublisherOnItsNextPublish_andRaisingItUnblocks() throws Exception {
        HarnessBroker broker = HarnessBroker.builder().build().start();
        closeAfter.add(broker);
        Target harness = new Target("harness-runtime", broker.amqpUri(), false);
        Connection publisher = open(harness);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch unblocked = new CountDownLatch(1);
        publisher.addBlockedListener(reason -> blocked.countDown(), unblocked::countDown);
        Channel pub = publisher.createChannel();
        String queue = name("runtime");
        pub.queueDeclare(queue, false, false, false, null);
        pub.confirmSelect();
        NavigableSet<Long> unconfirmed = trackConfirms(pub);
        publish(pub, unconfirmed, queue, 0, 5);
        pub.waitForConfirmsOrDie(5000);
        open(harness); // idle: never publishes

        broker.memoryHighWatermark(1000);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> connectionStates(broker).equals(List.of("blocking", "blocking")));
        publish(pub, unconfirmed, queue, 5, 3);
        assertThat(blocked.await(5, TimeUnit.SECONDS))
                .as("connection.blocked received")
                .isTrue();
        assertThat(connectionStates(broker)).containsExactly("blocked", "blocking");
        assertThat(unconfirmed).containsExactly(7L, 8L);

        broker.memoryHighWatermark(0);
        assertThat(unblocked.await(5, TimeUnit.SECONDS))
                .as("connection.unblocked received")
                .isTrue();
        pub.waitForConfirmsOrDie(5000);
        assertThat(messagesReady(broker, queue)).isEqualTo(8);
        assertThat(connectionStates(broker)).containsExactly("running", "running");
    }

    /** Harness only (see the class comment). */
    @Test
    void watermarkChangedAtRuntime_staysInForceAfterARestart() throws Exception {
        HarnessBroker broker = HarnessBroker.builder().build().start();
        closeAfter.add(broker);
        broker.memoryHighWatermark(4096);

        broker.restart();

        assertThat(metrics(broker)).contains("harness_memory_high_watermark_bytes 4096.0");
    }

    /** Harness only (see the class comment). */
    @Test
    void withoutWatermark_queuesGrowUnblocked_andMemoryIsStillReported() throws Exception {
        HarnessBroker broker = HarnessBroker.builder().build().start();
        closeAfter.add(broker);
        Channel ch =
                open(new Target("harness-default", broker.amqpUri(), false)).createChannel();
        String queue = name("noflow");
        ch.queueDeclare(queue, false, false, false, null);
        ch.confirmSelect();
        NavigableSet<Long> unconfirmed = trackConfirms(ch);
        publish(ch, unconfirmed, queue, 0, 50);
        ch.waitForConfirmsOrDie(5000);
        JsonNode node = node(broker);
        assertThat(node.get("mem_alarm").asBoolean()).isFalse();
        assertThat(node.get("mem_limit").asLong()).as("0 = off").isZero();
        assertThat(node.get("mem_used").asLong()).isEqualTo(50 * (BODY + 2L));
        assertThat(connectionStates(broker)).containsExactly("running");
    }

    private static NavigableSet<Long> trackConfirms(Channel ch) {
        NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                settle(tag, multiple);
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                throw new AssertionError("broker nacked publish " + tag);
            }

            private void settle(long tag, boolean multiple) {
                if (multiple) {
                    unconfirmed.headSet(tag, true).clear();
                } else {
                    unconfirmed.remove(tag);
                }
            }
        });
        return unconfirmed;
    }

    /** Publishes {@code count} messages whose body is the id, space-padded to {@link #BODY} bytes. */
    private static void publish(Channel ch, NavigableSet<Long> unconfirmed, String queue, int firstId, int count)
            throws IOException {
        for (int id = firstId; id < firstId + count; id++) {
            byte[] body = new byte[BODY];
            Arrays.fill(body, (byte) ' ');
            byte[] digits = Integer.toString(id).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(digits, 0, body, 0, digits.length);
            unconfirmed.add(ch.getNextPublishSeqNo());
            ch.basicPublish("", queue, null, body);
        }
    }

    private JsonNode node(HarnessBroker broker) throws Exception {
        JsonNode nodes = getJson(broker, "/api/nodes");
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }

    private List<String> connectionStates(HarnessBroker broker) throws Exception {
        return StreamSupport.stream(getJson(broker, "/api/connections").spliterator(), false)
                .map(c -> c.get("state").asText())
                .toList();
    }

    private int messagesReady(HarnessBroker broker, String queue) throws Exception {
        return getJson(broker, "/api/queues/%2F/" + queue).get("messages_ready").asInt();
    }

    private String metrics(HarnessBroker broker) throws Exception {
        return get(broker, "/metrics");
    }

    private JsonNode getJson(HarnessBroker broker, String path) throws Exception {
        return json.readTree(get(broker, path));
    }

    private String get(HarnessBroker broker, String path) throws Exception {
        URI uri = broker.adminUri().resolve(path);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
