package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsumeAckConformanceTest extends ConformanceBase {

    private static String queueWith(Channel ch, String... bodies) throws Exception {
        String q = ch.queueDeclare("", false, true, false, null).getQueue();
        for (String b : bodies) {
            ch.basicPublish("", q, null, bytes(b));
        }
        return q;
    }

    private static List<String> texts(List<Deliveries.Delivery> ds) {
        return ds.stream().map(Deliveries.Delivery::text).toList();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void consume_deliversInOrder_withIncreasingTags(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a", "b", "c");
        Deliveries d = Deliveries.consume(ch, q, false);
        List<Deliveries.Delivery> got = d.next(3);
        assertThat(texts(got)).containsExactly("a", "b", "c");
        assertThat(got).extracting(Deliveries.Delivery::tag).containsExactly(1L, 2L, 3L);
        assertThat(got).allMatch(x -> !x.redelivered());
        assertThat(got.get(0).envelope().getExchange()).isEmpty();
        assertThat(got.get(0).envelope().getRoutingKey()).isEqualTo(q);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void nackWithRequeue_returnsToOriginalPosition_redelivered(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a", "b", "c");
        ch.basicQos(2);
        Deliveries d = Deliveries.consume(ch, q, false);
        List<Deliveries.Delivery> first = d.next(2);
        assertThat(texts(first)).containsExactly("a", "b");
        ch.basicNack(first.get(1).tag(), true, true);
        List<Deliveries.Delivery> again = d.next(2);
        assertThat(texts(again)).containsExactly("a", "b");
        assertThat(again).allMatch(Deliveries.Delivery::redelivered);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void rejectWithRequeue_redelivers(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a");
        Deliveries d = Deliveries.consume(ch, q, false);
        ch.basicReject(d.next().tag(), true);
        Deliveries.Delivery again = d.next();
        assertThat(again.text()).isEqualTo("a");
        assertThat(again.redelivered()).isTrue();
        ch.basicAck(again.tag(), false);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void rejectWithoutRequeue_andNoDlx_dropsTheMessage(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a");
        GetResponse r = ch.basicGet(q, false);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unackedDeliveries_areRequeuedWhenTheChannelCloses(Target t) throws Exception {
        Connection c = open(t);
        Channel setup = c.createChannel();
        String q =
                setup.queueDeclare(name("requeue"), false, false, false, null).getQueue();
        deleteAfter(t, q);
        setup.basicPublish("", q, null, bytes("a"));
        setup.basicPublish("", q, null, bytes("b"));
        Channel consumerCh = c.createChannel();
        Deliveries d = Deliveries.consume(consumerCh, q, false);
        d.next(2);
        consumerCh.close();
        GetResponse first = setup.basicGet(q, true);
        assertThat(new String(first.getBody())).isEqualTo("a");
        assertThat(first.getEnvelope().isRedeliver()).isTrue();
        assertThat(new String(setup.basicGet(q, true).getBody())).isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unackedDeliveries_areRequeuedWhenTheConnectionCloses(Target t) throws Exception {
        Channel setup = channel(t);
        String q =
                setup.queueDeclare(name("requeue"), false, false, false, null).getQueue();
        deleteAfter(t, q);
        setup.basicPublish("", q, null, bytes("a"));
        Connection consumer = open(t);
        Channel cch = consumer.createChannel();
        Deliveries d = Deliveries.consume(cch, q, false);
        d.next();
        consumer.close();
        Deliveries again = Deliveries.consume(setup, q, false);
        Deliveries.Delivery r = again.next();
        assertThat(r.text()).isEqualTo("a");
        assertThat(r.redelivered()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void ackOfUnknownTag_is406(Target t) throws Exception {
        Channel ch = channel(t);
        expectChannelClose(
                () -> {
                    ch.basicAck(5, false);
                    ch.queueDeclare();
                },
                406,
                60,
                80,
                "PRECONDITION_FAILED - unknown delivery tag 5");
        Channel ch2 = channel(t);
        expectChannelClose(
                () -> {
                    ch2.basicNack(7, true, true);
                    ch2.queueDeclare();
                },
                406,
                60,
                120,
                "PRECONDITION_FAILED - unknown delivery tag 7");
        Channel ch3 = channel(t);
        expectChannelClose(
                () -> {
                    ch3.basicReject(9, false);
                    ch3.queueDeclare();
                },
                406,
                60,
                90,
                "PRECONDITION_FAILED - unknown delivery tag 9");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void doubleAck_is406(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a");
        GetResponse r = ch.basicGet(q, false);
        ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
        expectChannelClose(
                () -> {
                    ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
                    ch.queueDeclare();
                },
                406,
                60,
                80,
                "PRECONDITION_FAILED - unknown delivery tag 1");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void multipleAck_settlesEverythingUpToTheTag(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a", "b", "c");
        for (int i = 0; i < 3; i++) {
            ch.basicGet(q, false);
        }
        ch.basicAck(2, true);
        ch.basicRecover(true);
        GetResponse r = ch.basicGet(q, true);
        assertThat(new String(r.getBody())).isEqualTo("c");
        assertThat(r.getEnvelope().isRedeliver()).isTrue();
        assertThat(ch.basicGet(q, true)).isNull();
    }

    /**
     * What the management plugin's "Get messages" with {@code ack_requeue_true} does on the wire
     * (basic.get, then requeue): the message stays at the head, now flagged redelivered. The admin
     * API's {@code ack_requeue_true} reproduces this (AdminApiTest).
     */
    @ParameterizedTest
    @MethodSource("targets")
    void basicGetThenRequeue_leavesTheMessageAtTheHead_flaggedRedelivered(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a", "b");
        GetResponse first = ch.basicGet(q, false);
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        ch.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
        GetResponse again = ch.basicGet(q, true);
        assertThat(new String(again.getBody(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("a");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(again.getMessageCount()).isEqualTo(1);
        GetResponse next = ch.basicGet(q, true);
        assertThat(next.getEnvelope().isRedeliver()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void basicGet_reportsRemainingCount_andEmpty(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a", "b");
        GetResponse r = ch.basicGet(q, true);
        assertThat(r.getMessageCount()).isEqualTo(1);
        assertThat(r.getEnvelope().getRoutingKey()).isEqualTo(q);
        ch.basicGet(q, true);
        assertThat(ch.basicGet(q, true)).isNull();
        String missing = name("missing");
        expectChannelClose(
                () -> ch.basicGet(missing, true), 404, 60, 70, "NOT_FOUND - no queue '" + missing + "' in vhost '/'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void exclusiveConsumer_refusesOtherConsumers(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        ch.basicConsume(q, false, "first", false, true, null, new Deliveries(ch));
        expectChannelClose(
                () -> ch.basicConsume(q, false, "second", new Deliveries(ch)),
                403,
                60,
                20,
                "ACCESS_REFUSED - queue '" + q + "' in vhost '/' in exclusive use");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void consumeFromMissingQueue_is404(Target t) throws Exception {
        Channel ch = channel(t);
        String missing = name("missing");
        expectChannelClose(
                () -> ch.basicConsume(missing, new Deliveries(ch)),
                404,
                60,
                20,
                "NOT_FOUND - no queue '" + missing + "' in vhost '/'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void cancel_stopsDeliveries_butUnackedStayUnacked(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a");
        Deliveries d = new Deliveries(ch);
        String tag = ch.basicConsume(q, false, d);
        Deliveries.Delivery first = d.next();
        ch.basicCancel(tag);
        ch.basicPublish("", q, null, bytes("b"));
        d.assertNothingWithin(200);
        ch.basicAck(first.tag(), false);
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void perConsumerPrefetch_limitsUnackedDeliveries(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a", "b", "c", "d");
        ch.basicQos(2, false);
        Deliveries d = Deliveries.consume(ch, q, false);
        List<Deliveries.Delivery> got = d.next(2);
        d.assertNothingWithin(200);
        ch.basicAck(got.get(1).tag(), true);
        assertThat(texts(d.next(2))).containsExactly("c", "d");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void globalPrefetch_isSharedByTheChannelsConsumers(Target t) throws Exception {
        Channel ch = channel(t);
        String q1 = queueWith(ch, "a", "b");
        String q2 = queueWith(ch, "c", "d");
        ch.basicQos(3, true);
        Deliveries d = new Deliveries(ch);
        ch.basicConsume(q1, false, d);
        ch.basicConsume(q2, false, d);
        List<Deliveries.Delivery> got = d.next(3);
        d.assertNothingWithin(200);
        ch.basicAck(got.get(0).tag(), false);
        d.next();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void prefetchSize_isNotImplemented540(Target t) throws Exception {
        Channel ch = channel(t);
        expectConnectionClose(() -> ch.basicQos(10, 1, false), 540, 60, 10, "NOT_IMPLEMENTED - prefetch_size!=0 (10)");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void recoverWithRequeue_redeliversUnacked_andWithoutIs540(Target t) throws Exception {
        Channel ch = channel(t);
        String q = queueWith(ch, "a");
        Deliveries d = Deliveries.consume(ch, q, false);
        d.next();
        ch.basicRecover(true);
        Deliveries.Delivery again = d.next();
        assertThat(again.redelivered()).isTrue();
        assertThat(again.text()).isEqualTo("a");
        Channel ch2 = channel(t);
        expectConnectionClose(() -> ch2.basicRecover(false), 540, 60, 110, "NOT_IMPLEMENTED - requeue=false");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void deletingAQueue_sendsBasicCancelToItsConsumers(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare(name("cancelled"), false, false, false, null).getQueue();
        Deliveries d = new Deliveries(ch);
        String tag = ch.basicConsume(q, false, d);
        channel(t).queueDelete(q);
        assertThat(d.nextCancel()).isEqualTo(tag);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void immediatePublish_isNotImplemented540(Target t) throws Exception {
        Channel ch = channel(t);
        expectConnectionClose(
                () -> {
                    ch.basicPublish("", "x", false, true, null, bytes("m"));
                    ch.queueDeclare();
                },
                540,
                60,
                40,
                "NOT_IMPLEMENTED - immediate=true");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void roundRobin_acrossConsumers(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        Deliveries a = Deliveries.consume(ch, q, true);
        Deliveries b = Deliveries.consume(ch, q, true);
        for (int i = 0; i < 4; i++) {
            ch.basicPublish("", q, null, bytes("m" + i));
        }
        assertThat(a.next(2)).hasSize(2);
        assertThat(b.next(2)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void largeMessages_areSplitIntoBodyFramesBothWays(Target t) throws Exception {
        var f = t.factory();
        f.setRequestedFrameMax(4096);
        if (t.oracle()) {
            open(t);
        }
        Connection c = f.newConnection();
        try {
            Channel ch = c.createChannel();
            String q = ch.queueDeclare().getQueue();
            byte[] body = new byte[100_000];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) i;
            }
            ch.basicPublish("", q, null, body);
            Deliveries d = Deliveries.consume(ch, q, true);
            assertThat(d.next().body()).isEqualTo(body);
        } finally {
            c.close();
        }
    }
}
