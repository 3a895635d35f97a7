package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterConformanceTest extends ConformanceBase {

    /** A work queue dead-lettering into a fresh direct exchange, and a DLQ bound to it with {@code key}. */
    private record Topology(String work, String dlx, String dlq) {}

    private Topology topology(Target t, Channel ch, String key, Map<String, Object> extraArgs) throws Exception {
        String dlx = name("dlx");
        ch.exchangeDeclare(dlx, "direct", false, false, null);
        deleteExchangeAfter(t, dlx);
        String dlq = ch.queueDeclare(name("dlq"), false, false, false, null).getQueue();
        deleteAfter(t, dlq);
        ch.queueBind(dlq, dlx, key);
        Map<String, Object> args = new HashMap<>(extraArgs);
        args.put("x-dead-letter-exchange", dlx);
        String work = ch.queueDeclare(name("work"), false, false, false, args).getQueue();
        deleteAfter(t, work);
        return new Topology(work, dlx, dlq);
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> xDeath(GetResponse r) {
        return (List<Map<String, Object>>) r.getProps().getHeaders().get("x-death");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void reject_withDeadLetterExchange_routesWithXDeath(Target t) throws Exception {
        Channel ch = channel(t);
        Topology top = topology(t, ch, "orig", Map.of());
        ch.queueBind(top.work(), "amq.direct", "orig");
        cleanup(() -> unbind(t, top.work()));
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .expiration("60000")
                .headers(Map.of("app", "x"))
                .messageId("m-1")
                .build();
        long before = System.currentTimeMillis() / 1000;
        ch.basicPublish("amq.direct", "orig", props, bytes("rejected"));
        GetResponse toReject = awaitMessageManual(ch, top.work());
        ch.basicReject(toReject.getEnvelope().getDeliveryTag(), false);

        GetResponse dead = awaitMessage(ch, top.dlq());
        assertThat(new String(dead.getBody())).isEqualTo("rejected");
        assertThat(dead.getEnvelope().getExchange()).isEqualTo(top.dlx());
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("orig");
        assertThat(dead.getProps().getExpiration()).isNull();
        assertThat(dead.getProps().getMessageId()).isEqualTo("m-1");
        Map<String, Object> h = dead.getProps().getHeaders();
        assertThat(h.get("app").toString()).isEqualTo("x");
        assertThat(h.get("x-first-death-queue").toString()).isEqualTo(top.work());
        assertThat(h.get("x-first-death-reason").toString()).isEqualTo("rejected");
        assertThat(h.get("x-first-death-exchange").toString()).isEqualTo("amq.direct");
        List<Map<String, Object>> deaths = xDeath(dead);
        assertThat(deaths).hasSize(1);
        Map<String, Object> d = deaths.get(0);
        assertThat(d.get("queue").toString()).isEqualTo(top.work());
        assertThat(d.get("reason").toString()).isEqualTo("rejected");
        assertThat(d.get("count")).isEqualTo(1L);
        assertThat(d.get("exchange").toString()).isEqualTo("amq.direct");
        assertThat(d.get("routing-keys")).asList().extracting(Object::toString).containsExactly("orig");
        assertThat(d.get("original-expiration").toString()).isEqualTo("60000");
        assertThat(d.get("time")).isInstanceOf(Date.class);
        assertThat(((Date) d.get("time")).getTime() / 1000).isBetween(before - 5, before + 5);
    }

    private static GetResponse awaitMessageManual(Channel ch, String queue) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    got.set(ch.basicGet(queue, false));
                    return got.get() != null;
                });
        return got.get();
    }

    private static void unbind(Target t, String queue) {
        try (var c = t.connect()) {
            c.createChannel().queueUnbind(queue, "amq.direct", "orig");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void deadLetterRoutingKey_replacesKey_andDropsCc(Target t) throws Exception {
        Channel ch = channel(t);
        Topology top = topology(t, ch, "dead", Map.of("x-dead-letter-routing-key", "dead"));
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("other")))
                .build();
        ch.basicPublish("", top.work(), props, bytes("m"));
        GetResponse r = awaitMessageManual(ch, top.work());
        ch.basicNack(r.getEnvelope().getDeliveryTag(), false, false);
        GetResponse dead = awaitMessage(ch, top.dlq());
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("dead");
        assertThat(dead.getProps().getHeaders()).doesNotContainKey("CC");
        assertThat(xDeath(dead).get(0).get("routing-keys"))
                .asList()
                .extracting(Object::toString)
                .containsExactly(top.work(), "other");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void expiredMessage_isDeadLetteredWithReasonExpired(Target t) throws Exception {
        Channel ch = channel(t);
        Topology top = topology(t, ch, "k", Map.of("x-message-ttl", 50, "x-dead-letter-routing-key", "k"));
        ch.basicPublish("", top.work(), null, bytes("late"));
        GetResponse dead = awaitMessage(ch, top.dlq());
        assertThat(dead.getProps().getHeaders().get("x-first-death-reason").toString())
                .isEqualTo("expired");
        assertThat(xDeath(dead).get(0).get("reason").toString()).isEqualTo("expired");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void perMessageExpiration_isDeadLetteredWithOriginalExpiration(Target t) throws Exception {
        Channel ch = channel(t);
        Topology top = topology(t, ch, "k", Map.of("x-dead-letter-routing-key", "k"));
        ch.basicPublish(
                "",
                top.work(),
                new AMQP.BasicProperties.Builder().expiration("30").build(),
                bytes("m"));
        GetResponse dead = awaitMessage(ch, top.dlq());
        assertThat(dead.getProps().getExpiration()).isNull();
        assertThat(xDeath(dead).get(0).get("original-expiration").toString()).isEqualTo("30");
        assertThat(xDeath(dead).get(0).get("reason").toString()).isEqualTo("expired");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void maxLengthDropHead_deadLettersTheOldestWithReasonMaxlen(Target t) throws Exception {
        Channel ch = channel(t);
        Topology top = topology(t, ch, "k", Map.of("x-max-length", 1, "x-dead-letter-routing-key", "k"));
        ch.basicPublish("", top.work(), null, bytes("a"));
        ch.basicPublish("", top.work(), null, bytes("b"));
        GetResponse dead = awaitMessage(ch, top.dlq());
        assertThat(new String(dead.getBody())).isEqualTo("a");
        assertThat(xDeath(dead).get(0).get("reason").toString()).isEqualTo("maxlen");
        assertThat(new String(awaitMessage(ch, top.work()).getBody())).isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void repeatedDeadLettering_compressesXDeathPerQueueAndReason_newestFirst(Target t) throws Exception {
        Channel ch = channel(t);
        String a = name("ping");
        String b = name("pong");
        ch.queueDeclare(a, false, false, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", b));
        deleteAfter(t, a);
        ch.queueDeclare(b, false, false, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", a));
        deleteAfter(t, b);
        ch.basicPublish("", a, null, bytes("m"));
        String[] path = {a, b, a};
        for (String q : path) {
            GetResponse r = awaitMessageManual(ch, q);
            ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
        }
        GetResponse last = awaitMessage(ch, b);
        List<Map<String, Object>> deaths = xDeath(last);
        assertThat(deaths).hasSize(2);
        assertThat(deaths.get(0).get("queue").toString()).isEqualTo(a);
        assertThat(deaths.get(0).get("count")).isEqualTo(2L);
        assertThat(deaths.get(1).get("queue").toString()).isEqualTo(b);
        assertThat(deaths.get(1).get("count")).isEqualTo(1L);
        assertThat(last.getProps().getHeaders().get("x-first-death-queue").toString())
                .isEqualTo(a);
        assertThat(last.getEnvelope().getRoutingKey()).isEqualTo(b);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void expiryCycle_withoutRejection_isDropped(Target t) throws Exception {
        Channel ch = channel(t);
        String fan = name("fan");
        ch.exchangeDeclare(fan, "fanout", false, false, null);
        deleteExchangeAfter(t, fan);
        String self = ch.queueDeclare(
                        name("self"), false, false, false, Map.of("x-message-ttl", 30, "x-dead-letter-exchange", fan))
                .getQueue();
        deleteAfter(t, self);
        String witness =
                ch.queueDeclare(name("witness"), false, false, false, null).getQueue();
        deleteAfter(t, witness);
        ch.queueBind(self, fan, "");
        ch.queueBind(witness, fan, "");
        ch.basicPublish("", self, null, bytes("m"));
        awaitMessage(ch, witness);
        assertThat(ch.basicGet(self, true)).isNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void missingDeadLetterExchange_dropsSilently(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, false, Map.of("x-dead-letter-exchange", name("nowhere")))
                .getQueue();
        ch.basicPublish("", q, null, bytes("m"));
        GetResponse r = awaitMessageManual(ch, q);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void deliveryLimit_countsRedeliveries_thenDeadLettersWithReasonDeliveryLimit(Target t) throws Exception {
        Channel ch = channel(t);
        String dlq = ch.queueDeclare(name("dlq"), false, false, false, null).getQueue();
        deleteAfter(t, dlq);
        String q = name("limited");
        ch.queueDeclare(
                q,
                true,
                false,
                false,
                Map.of(
                        "x-queue-type",
                        "quorum",
                        "x-delivery-limit",
                        2,
                        "x-dead-letter-exchange",
                        "",
                        "x-dead-letter-routing-key",
                        dlq));
        deleteAfter(t, q);
        ch.basicPublish("", q, null, bytes("poison"));
        Deliveries d = Deliveries.consume(ch, q, false);
        for (int i = 0; i < 3; i++) {
            Deliveries.Delivery got = d.next();
            assertThat(got.redelivered()).isEqualTo(i > 0);
            Map<String, Object> headers = got.properties().getHeaders();
            Object count = headers == null ? null : headers.get("x-delivery-count");
            if (i == 0) {
                assertThat(count)
                        .as("no x-delivery-count on the first delivery")
                        .isNull();
            } else {
                assertThat(count).isEqualTo((long) i);
            }
            ch.basicReject(got.tag(), true);
        }
        GetResponse dead = awaitMessage(ch, dlq);
        assertThat(new String(dead.getBody())).isEqualTo("poison");
        assertThat(xDeath(dead).get(0).get("reason").toString()).isEqualTo("delivery_limit");
        d.assertNothingWithin(100);
    }
}
