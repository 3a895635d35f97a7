package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TtlLimitsConformanceTest extends ConformanceBase {

    private static AMQP.BasicProperties expiring(String ms) {
        return new AMQP.BasicProperties.Builder().expiration(ms).build();
    }

    private static GetResponse awaitMessage(Channel ch, String queue) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    got.set(ch.basicGet(queue, true));
                    return got.get() != null;
                });
        return got.get();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void perMessageExpiration_removesTheMessage(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, false, null).getQueue();
        ch.basicPublish("", q, expiring("20"), bytes("short"));
        ch.basicPublish("", q, expiring("600000"), bytes("long"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ch.queueDeclarePassive(q).getMessageCount() == 1);
        GetResponse r = ch.basicGet(q, true);
        assertThat(new String(r.getBody())).isEqualTo("long");
        assertThat(r.getProps().getExpiration()).isEqualTo("600000");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void invalidExpiration_is406WithRabbitText(Target t) throws Exception {
        Map<String, String> cases = Map.of(
                "abc", "no_integer",
                "-1", "{value_negative,-1}",
                "10x", "{leftover_string,\"x\"}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Channel ch = channel(t);
            expectChannelClose(
                    () -> {
                        ch.basicPublish("", "ec-any", expiring(c.getKey()), bytes("m"));
                        ch.queueDeclare();
                    },
                    406,
                    60,
                    40,
                    "PRECONDITION_FAILED - invalid expiration '" + c.getKey() + "': " + c.getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void queueTtlZero_expiresUnlessDeliverableImmediately(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, false, Map.of("x-message-ttl", 0))
                .getQueue();
        ch.basicPublish("", q, null, bytes("nobody listening"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ch.queueDeclarePassive(q).getMessageCount() == 0);
        Deliveries d = Deliveries.consume(ch, q, true);
        ch.basicPublish("", q, null, bytes("taken at once"));
        assertThat(d.next().text()).isEqualTo("taken at once");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void lowerOfQueueAndMessageTtl_applies(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, false, Map.of("x-message-ttl", 600000))
                .getQueue();
        ch.basicPublish("", q, expiring("20"), bytes("m"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ch.queueDeclarePassive(q).getMessageCount() == 0);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unusedQueue_withExpires_isDeleted(Target t) throws Exception {
        Channel ch = channel(t);
        String q = name("lease");
        ch.queueDeclare(q, false, false, false, Map.of("x-expires", 200));
        ch.basicPublish("", q, null, bytes("lost with the queue"));
        java.util.List<String> returned = new java.util.concurrent.CopyOnWriteArrayList<>();
        ch.addReturnListener(r -> returned.add(r.getRoutingKey()));
        // probing with mandatory publishes: they do not count as use, unlike a passive declare
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    ch.basicPublish("", q, true, null, bytes("probe"));
                    return !returned.isEmpty();
                });
    }

    @ParameterizedTest
    @MethodSource("targets")
    void queueWithConsumer_doesNotExpire(Target t) throws Exception {
        Channel ch = channel(t);
        String q = name("lease");
        ch.queueDeclare(q, false, false, false, Map.of("x-expires", 100));
        deleteAfter(t, q);
        ch.basicConsume(q, true, new Deliveries(ch));
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(ch.queueDeclarePassive(q).getConsumerCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void maxLengthBytes_dropsFromTheHead(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, false, Map.of("x-max-length-bytes", 10))
                .getQueue();
        ch.basicPublish("", q, null, bytes("12345"));
        ch.basicPublish("", q, null, bytes("67890"));
        ch.basicPublish("", q, null, bytes("abcde"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ch.queueDeclarePassive(q).getMessageCount() == 2);
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("67890");
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("abcde");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void maxLength_countsOnlyReadyMessages(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, false, Map.of("x-max-length", 1))
                .getQueue();
        ch.basicPublish("", q, null, bytes("a"));
        GetResponse unacked = awaitManual(ch, q);
        ch.basicPublish("", q, null, bytes("b"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ch.queueDeclarePassive(q).getMessageCount() == 1);
        ch.basicReject(unacked.getEnvelope().getDeliveryTag(), true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ch.queueDeclarePassive(q).getMessageCount() == 1);
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("b");
    }

    private static GetResponse awaitManual(Channel ch, String queue) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    got.set(ch.basicGet(queue, false));
                    return got.get() != null;
                });
        return got.get();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void rejectPublishDlx_refusesAndDeadLettersTheNewest(Target t) throws Exception {
        Channel ch = channel(t);
        String dlq = ch.queueDeclare(name("dlq"), false, false, false, null).getQueue();
        deleteAfter(t, dlq);
        String q = ch.queueDeclare(
                        "",
                        false,
                        true,
                        false,
                        Map.of(
                                "x-max-length",
                                1,
                                "x-overflow",
                                "reject-publish-dlx",
                                "x-dead-letter-exchange",
                                "",
                                "x-dead-letter-routing-key",
                                dlq))
                .getQueue();
        ch.basicPublish("", q, null, bytes("kept"));
        ch.basicPublish("", q, null, bytes("refused"));
        GetResponse dead = awaitMessage(ch, dlq);
        assertThat(new String(dead.getBody())).isEqualTo("refused");
        assertThat(dead.getProps().getHeaders().get("x-first-death-reason").toString())
                .isEqualTo("maxlen");
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("kept");
    }
}
