package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExchangeConformanceTest extends ConformanceBase {

    private String queue(Channel ch) throws Exception {
        return ch.queueDeclare("", false, true, true, null).getQueue();
    }

    private static List<String> drain(Channel ch, String q) throws Exception {
        List<String> out = new ArrayList<>();
        GetResponse r;
        while ((r = ch.basicGet(q, true)) != null) {
            out.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("targets")
    void direct_routesOnExactKeyOnly(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("direct");
        ch.exchangeDeclare(x, "direct", false, true, null);
        String q = queue(ch);
        ch.queueBind(q, x, "a.b");
        ch.basicPublish(x, "a.b", null, bytes("hit"));
        ch.basicPublish(x, "a.c", null, bytes("miss"));
        ch.basicPublish(x, "a.b", null, bytes("hit2"));
        assertThat(drain(ch, q)).containsExactly("hit", "hit2");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void fanout_routesToEveryBoundQueue(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("fanout");
        ch.exchangeDeclare(x, "fanout", false, true, null);
        String q1 = queue(ch);
        String q2 = queue(ch);
        ch.queueBind(q1, x, "ignored");
        ch.queueBind(q2, x, "");
        ch.basicPublish(x, "whatever", null, bytes("m"));
        assertThat(drain(ch, q1)).containsExactly("m");
        assertThat(drain(ch, q2)).containsExactly("m");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void topic_matchesStarAsOneWordAndHashAsZeroOrMore(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("topic");
        ch.exchangeDeclare(x, "topic", false, true, null);
        String star = queue(ch);
        String hash = queue(ch);
        String mid = queue(ch);
        ch.queueBind(star, x, "a.b.*");
        ch.queueBind(hash, x, "audit.events.#");
        ch.queueBind(mid, x, "*.x.#.z");
        for (String key : List.of(
                "a.b", "a.b.c", "a.b.c.d", "audit.events", "audit.events.x.y", "audit", "q.x.z", "q.x.y.y.z", "x.z")) {
            ch.basicPublish(x, key, null, bytes(key));
        }
        assertThat(drain(ch, star)).containsExactly("a.b.c");
        assertThat(drain(ch, hash)).containsExactly("audit.events", "audit.events.x.y");
        assertThat(drain(ch, mid)).containsExactly("q.x.z", "q.x.y.y.z");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void headers_allAnyAndWithXVariants(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("headers");
        ch.exchangeDeclare(x, "headers", false, true, null);
        String all = queue(ch);
        String any = queue(ch);
        String allWithX = queue(ch);
        String anyWithX = queue(ch);
        ch.queueBind(all, x, "", Map.of("x-match", "all", "a", "1", "b", "2"));
        ch.queueBind(any, x, "", Map.of("x-match", "any", "a", "1", "b", "2"));
        ch.queueBind(allWithX, x, "", Map.of("x-match", "all-with-x", "a", "1", "x-tag", "t"));
        ch.queueBind(anyWithX, x, "", Map.of("x-match", "any-with-x", "x-tag", "t"));
        publish(ch, x, "ab", Map.of("a", "1", "b", "2"));
        publish(ch, x, "a", Map.of("a", "1"));
        publish(ch, x, "a-x", Map.of("a", "1", "x-tag", "t"));
        publish(ch, x, "wrong", Map.of("a", "2"));
        assertThat(drain(ch, all)).containsExactly("ab");
        assertThat(drain(ch, any)).containsExactly("ab", "a", "a-x");
        assertThat(drain(ch, allWithX)).containsExactly("a-x");
        assertThat(drain(ch, anyWithX)).containsExactly("a-x");
    }

    private static void publish(Channel ch, String x, String body, Map<String, Object> headers) throws Exception {
        ch.basicPublish(
                x, "", new AMQP.BasicProperties.Builder().headers(headers).build(), bytes(body));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void headers_invalidXMatch_is406(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queue(ch);
        expectChannelClose(
                () -> ch.queueBind(q, "amq.headers", "", Map.of("x-match", "foo")),
                406,
                50,
                20,
                "PRECONDITION_FAILED - Invalid x-match field value <<\"foo\">>; expected all, any, all-with-x, or any-with-x");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void predeclaredExchanges_exist(Target t) throws Exception {
        Channel ch = channel(t);
        for (String x : List.of("amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match")) {
            ch.exchangeDeclarePassive(x);
        }
        String q = ch.queueDeclare().getQueue();
        ch.basicPublish("", q, null, bytes("via default"));
        assertThat(drain(ch, q)).containsExactly("via default");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void defaultExchange_refusesBindDeclareDelete(Target t) throws Exception {
        String text = "ACCESS_REFUSED - operation not permitted on the default exchange";
        Channel ch = channel(t);
        String q = queue(ch);
        expectChannelClose(() -> ch.queueBind(q, "", "k"), 403, 50, 20, text);
        Channel ch2 = channel(t);
        expectChannelClose(() -> ch2.exchangeDeclare("", "direct"), 403, 40, 10, text);
        Channel ch3 = channel(t);
        expectChannelClose(() -> ch3.exchangeDelete(""), 403, 40, 20, text);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void reservedNames_areRefused(Target t) throws Exception {
        Channel ch = channel(t);
        expectChannelClose(
                () -> ch.exchangeDeclare("amq.ec-nope", "direct"),
                403,
                40,
                10,
                "ACCESS_REFUSED - exchange name 'amq.ec-nope' contains reserved prefix 'amq.*'");
        Channel ch2 = channel(t);
        expectChannelClose(
                () -> ch2.exchangeDelete("amq.direct"),
                403,
                40,
                20,
                "ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void redeclareWithOtherType_is406(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("x");
        ch.exchangeDeclare(x, "direct", false, true, null);
        deleteExchangeAfter(t, x);
        expectChannelClose(
                () -> ch.exchangeDeclare(x, "fanout", false, true, null),
                406,
                40,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + x
                        + "' in vhost '/': received 'fanout' but current is 'direct'");
        Channel ch2 = channel(t);
        expectChannelClose(
                () -> ch2.exchangeDeclare(x, "direct", true, true, null),
                406,
                40,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'durable' for exchange '" + x
                        + "' in vhost '/': received 'true' but current is 'false'");
        Channel ch3 = channel(t);
        expectChannelClose(
                () -> ch3.exchangeDeclare(x, "direct", false, true, Map.of("alternate-exchange", "ae")),
                406,
                40,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'alternate-exchange' for exchange '" + x
                        + "' in vhost '/': received the value 'ae' of type 'longstr' but current is none");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void invalidType_closesConnectionWith503(Target t) throws Exception {
        Channel ch = channel(t);
        expectConnectionClose(
                () -> ch.exchangeDeclare(name("bad"), "nope"),
                503,
                40,
                10,
                "COMMAND_INVALID - unknown exchange type 'nope'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void passiveDeclareOfMissing_is404(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("missing");
        expectChannelClose(
                () -> ch.exchangeDeclarePassive(x), 404, 40, 10, "NOT_FOUND - no exchange '" + x + "' in vhost '/'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void deleteMissing_succeeds_andIfUnused_is406WhenBound(Target t) throws Exception {
        Channel ch = channel(t);
        ch.exchangeDelete(name("missing"));
        String x = name("inuse");
        ch.exchangeDeclare(x, "direct", false, false, null);
        deleteExchangeAfter(t, x);
        ch.queueBind(queue(ch), x, "k");
        expectChannelClose(
                () -> ch.exchangeDelete(x, true),
                406,
                40,
                20,
                "PRECONDITION_FAILED - exchange '" + x + "' in vhost '/' in use");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void autoDeleteExchange_goesAwayWithItsLastBinding(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("autodel");
        ch.exchangeDeclare(x, "direct", false, true, null);
        String q = queue(ch);
        ch.queueBind(q, x, "k");
        ch.exchangeDeclarePassive(x);
        ch.queueUnbind(q, x, "k");
        expectChannelClose(() -> ch.exchangeDeclarePassive(x), 404, 40, 10, null);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void internalExchange_refusesPublishButRoutesFromExchanges(Target t) throws Exception {
        Channel ch = channel(t);
        String internal = name("internal");
        String front = name("front");
        ch.exchangeDeclare(internal, "fanout", false, true, true, null);
        ch.exchangeDeclare(front, "fanout", false, true, null);
        ch.exchangeBind(internal, front, "");
        String q = queue(ch);
        ch.queueBind(q, internal, "");
        ch.basicPublish(front, "", null, bytes("through"));
        assertThat(drain(ch, q)).containsExactly("through");
        expectChannelClose(
                () -> {
                    ch.basicPublish(internal, "", null, bytes("direct"));
                    ch.queueDeclare();
                },
                403,
                60,
                40,
                "ACCESS_REFUSED - cannot publish to internal exchange '" + internal + "' in vhost '/'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void exchangeToExchange_bindingsRouteAndUnbind(Target t) throws Exception {
        Channel ch = channel(t);
        String src = name("src");
        String dst = name("dst");
        ch.exchangeDeclare(src, "topic", false, false, null);
        ch.exchangeDeclare(dst, "direct", false, false, null);
        deleteExchangeAfter(t, src);
        deleteExchangeAfter(t, dst);
        String q = queue(ch);
        ch.queueBind(q, dst, "orders.placed");
        ch.exchangeBind(dst, src, "orders.*");
        ch.basicPublish(src, "orders.placed", null, bytes("1"));
        ch.basicPublish(src, "orders.shipped", null, bytes("2"));
        assertThat(drain(ch, q)).containsExactly("1");
        ch.exchangeUnbind(dst, src, "orders.*");
        ch.basicPublish(src, "orders.placed", null, bytes("3"));
        assertThat(drain(ch, q)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void alternateExchange_receivesUnroutableMessages(Target t) throws Exception {
        Channel ch = channel(t);
        String ae = name("ae");
        String x = name("main");
        ch.exchangeDeclare(ae, "fanout", false, true, null);
        ch.exchangeDeclare(x, "direct", false, true, Map.of("alternate-exchange", ae));
        String routed = queue(ch);
        String unroutable = queue(ch);
        ch.queueBind(routed, x, "ok");
        ch.queueBind(unroutable, ae, "");
        ch.basicPublish(x, "ok", null, bytes("routed"));
        ch.basicPublish(x, "nope", null, bytes("alt"));
        assertThat(drain(ch, routed)).containsExactly("routed");
        assertThat(drain(ch, unroutable)).containsExactly("alt");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void ccAndBcc_addRoutingKeys_andBccIsRemoved(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("cc");
        ch.exchangeDeclare(x, "direct", false, true, null);
        String main = queue(ch);
        String cc = queue(ch);
        String bcc = queue(ch);
        ch.queueBind(main, x, "main");
        ch.queueBind(cc, x, "cc");
        ch.queueBind(bcc, x, "bcc");
        Map<String, Object> headers = Map.of("CC", List.of("cc"), "BCC", List.of("bcc"));
        ch.basicPublish(
                x, "main", new AMQP.BasicProperties.Builder().headers(headers).build(), bytes("m"));
        for (String q : List.of(main, cc, bcc)) {
            GetResponse r = ch.basicGet(q, true);
            assertThat(r).as("message in %s", q).isNotNull();
            assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("main");
            assertThat(r.getProps().getHeaders()).containsKey("CC").doesNotContainKey("BCC");
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void publishToMissingExchange_is404(Target t) throws Exception {
        Channel ch = channel(t);
        String x = name("missing");
        expectChannelClose(
                () -> {
                    ch.basicPublish(x, "k", null, bytes("m"));
                    ch.queueDeclare();
                },
                404,
                60,
                40,
                "NOT_FOUND - no exchange '" + x + "' in vhost '/'");
    }
}
