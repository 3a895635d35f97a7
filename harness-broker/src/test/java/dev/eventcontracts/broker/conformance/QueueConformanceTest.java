package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueueConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void serverNamedQueue_getsAmqGenName(Target t) throws Exception {
        Channel ch = channel(t);
        AMQP.Queue.DeclareOk ok = ch.queueDeclare();
        assertThat(ok.getQueue()).startsWith("amq.gen-").hasSizeGreaterThan(10);
        assertThat(ok.getMessageCount()).isZero();
        assertThat(ok.getConsumerCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void passiveDeclare_reportsCounts_andMissingIs404(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        ch.basicPublish("", q, null, bytes("1"));
        ch.basicPublish("", q, null, bytes("2"));
        ch.basicConsume(q, false, new Deliveries(ch));
        AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(q);
        assertThat(ok.getConsumerCount()).isEqualTo(1);
        String missing = name("missing");
        expectChannelClose(
                () -> ch.queueDeclarePassive(missing),
                404,
                50,
                10,
                "NOT_FOUND - no queue '" + missing + "' in vhost '/'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void passiveDeclare_countsReadyMessages(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        ch.confirmSelect();
        ch.basicPublish("", q, null, bytes("1"));
        ch.basicPublish("", q, null, bytes("2"));
        ch.waitForConfirmsOrDie(5000);
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(2);
        assertThat(ch.messageCount(q)).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void exclusiveQueue_isLockedForOtherConnections_andDeletedOnClose(Target t) throws Exception {
        Connection owner = open(t);
        String q =
                owner.createChannel().queueDeclare("", false, true, false, null).getQueue();
        String locked = "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '" + q
                + "' in vhost '/'. It could be originally declared on another connection or the exclusive property"
                + " value does not match that of the original declaration.";
        Channel other = channel(t);
        expectChannelClose(() -> other.queueDeclarePassive(q), 405, 50, 10, locked);
        Channel other2 = channel(t);
        expectChannelClose(() -> other2.basicConsume(q, new Deliveries(other2)), 405, 60, 20, locked);
        Channel other3 = channel(t);
        expectChannelClose(() -> other3.queuePurge(q), 405, 50, 30, locked);
        Channel other4 = channel(t);
        expectChannelClose(() -> other4.basicGet(q, true), 405, 60, 70, locked);
        owner.close();
        Channel after = channel(t);
        expectChannelClose(() -> after.queueDeclarePassive(q), 404, 50, 10, null);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void autoDeleteQueue_isDeletedWhenItsLastConsumerCancels(Target t) throws Exception {
        Channel ch = channel(t);
        String q = name("autodel");
        ch.queueDeclare(q, false, false, true, null);
        String tag = ch.basicConsume(q, true, new Deliveries(ch));
        ch.queueDeclarePassive(q);
        ch.basicCancel(tag);
        expectChannelClose(() -> ch.queueDeclarePassive(q), 404, 50, 10, null);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void autoDeleteQueue_withoutConsumers_stays(Target t) throws Exception {
        Channel ch = channel(t);
        String q = name("autodel");
        ch.queueDeclare(q, false, false, true, null);
        deleteAfter(t, q);
        open(t).close();
        ch.queueDeclarePassive(q);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void purge_returnsCount_andEmptiesQueue(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        for (int i = 0; i < 3; i++) {
            ch.basicPublish("", q, null, bytes("m" + i));
        }
        assertThat(ch.queuePurge(q).getMessageCount()).isEqualTo(3);
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void delete_returnsCount_ifEmptyAndIfUnusedAre406_missingSucceeds(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        ch.basicPublish("", q, null, bytes("m"));
        ch.queueDeclarePassive(q);
        expectChannelClose(
                () -> ch.queueDelete(q, false, true),
                406,
                50,
                40,
                "PRECONDITION_FAILED - queue '" + q + "' in vhost '/' not empty");
        Channel ch2 = channel(t);
        String q2 = ch2.queueDeclare(name("inuse"), false, false, false, null).getQueue();
        deleteAfter(t, q2);
        ch2.basicConsume(q2, new Deliveries(ch2));
        expectChannelClose(
                () -> ch2.queueDelete(q2, true, false),
                406,
                50,
                40,
                "PRECONDITION_FAILED - queue '" + q2 + "' in vhost '/' in use");
        Channel ch3 = channel(t);
        String q3 = ch3.queueDeclare(name("count"), false, false, false, null).getQueue();
        ch3.basicPublish("", q3, null, bytes("1"));
        ch3.basicPublish("", q3, null, bytes("2"));
        ch3.queueDeclarePassive(q3);
        assertThat(ch3.queueDelete(q3).getMessageCount()).isEqualTo(2);
        assertThat(ch3.queueDelete(name("missing")).getMessageCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void redeclare_withOtherFlagsOrArgs_is406WithRabbitText(Target t) throws Exception {
        Channel ch = channel(t);
        String q = name("redecl");
        ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 100));
        deleteAfter(t, q);
        String where = "for queue '" + q + "' in vhost '/': ";
        ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 100L, "unrelated", "ignored"));
        expectChannelClose(
                () -> ch.queueDeclare(q, true, false, false, Map.of("x-message-ttl", 100)),
                406,
                50,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'durable' " + where + "received 'true' but current is 'false'");
        Channel ch2 = channel(t);
        expectChannelClose(
                () -> ch2.queueDeclare(q, false, false, true, Map.of("x-message-ttl", 100)),
                406,
                50,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'auto_delete' " + where
                        + "received 'true' but current is 'false'");
        Channel ch3 = channel(t);
        expectChannelClose(
                () -> ch3.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 200)),
                406,
                50,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' " + where
                        + "received '200' but current is '100'");
        Channel ch4 = channel(t);
        expectChannelClose(
                () -> ch4.queueDeclare(q, false, false, false, null),
                406,
                50,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' " + where
                        + "received none but current is the value '100' of type 'signedint'");
        Channel ch5 = channel(t);
        expectChannelClose(
                () -> ch5.queueDeclare(
                        q, false, false, false, Map.of("x-message-ttl", 100, "x-dead-letter-exchange", "d")),
                406,
                50,
                10,
                "PRECONDITION_FAILED - inequivalent arg 'x-dead-letter-exchange' " + where
                        + "received the value 'd' of type 'longstr' but current is none");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void redeclare_exclusiveMismatch_is405(Target t) throws Exception {
        Channel ch = channel(t);
        String q = name("excl");
        ch.queueDeclare(q, false, true, false, null);
        expectChannelClose(() -> ch.queueDeclare(q, false, false, false, null), 405, 50, 10, null);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void reservedQueueName_is403(Target t) throws Exception {
        Channel ch = channel(t);
        expectChannelClose(
                () -> ch.queueDeclare("amq.ec-nope", false, false, true, null),
                403,
                50,
                10,
                "ACCESS_REFUSED - queue name 'amq.ec-nope' contains reserved prefix 'amq.*'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void invalidArguments_are406WithRabbitText(Target t) throws Exception {
        String q = name("args");
        String where = "for queue '" + q + "' in vhost '/': ";
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of("x-message-ttl", -1), "invalid arg 'x-message-ttl' " + where + "{value_negative,-1}");
        cases.put(
                Map.of("x-message-ttl", "abc"),
                "invalid arg 'x-message-ttl' " + where + "\"expected integer, got longstr\"");
        cases.put(Map.of("x-expires", 0), "invalid arg 'x-expires' " + where + "{value_zero,0}");
        cases.put(Map.of("x-max-length", -5), "invalid arg 'x-max-length' " + where + "{value_negative,-5}");
        cases.put(Map.of("x-overflow", "foo"), "invalid arg 'x-overflow' " + where + "invalid_overflow");
        cases.put(Map.of("x-overflow", 1), "invalid arg 'x-overflow' " + where + "{unacceptable_type,signedint}");
        cases.put(
                Map.of("x-dead-letter-exchange", 1),
                "invalid type 'signedint' for arg 'x-dead-letter-exchange' in queue '" + q + "' in vhost '/'");
        cases.put(
                Map.of("x-dead-letter-routing-key", "k"),
                "invalid arg 'x-dead-letter-routing-key' " + where + "routing_key_but_no_dlx_defined");
        cases.put(
                Map.of("x-queue-type", "foo"),
                "invalid arg 'x-queue-type' " + where + "\"unsupported queue type 'foo'\"");
        for (Map.Entry<Map<String, Object>, String> c : cases.entrySet()) {
            Channel ch = channel(t);
            expectChannelClose(
                    () -> ch.queueDeclare(q, false, false, true, new HashMap<>(c.getKey())),
                    406,
                    50,
                    10,
                    "PRECONDITION_FAILED - " + c.getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void quorumQueue_mustBeDurableNonExclusiveNonAutoDelete(Target t) throws Exception {
        String q = name("quorum");
        Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
        Channel ch = channel(t);
        expectChannelClose(
                () -> ch.queueDeclare(q, false, false, false, quorum),
                406,
                50,
                10,
                "PRECONDITION_FAILED - invalid property 'non-durable' for queue '" + q + "' in vhost '/'");
        Channel ch2 = channel(t);
        expectChannelClose(
                () -> ch2.queueDeclare(q, true, false, true, quorum),
                406,
                50,
                10,
                "PRECONDITION_FAILED - invalid property 'auto-delete' for queue '" + q + "' in vhost '/'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void emptyQueueName_meansLastDeclaredQueueOnTheChannel(Target t) throws Exception {
        Channel ch = channel(t);
        expectChannelClose(() -> ch.queuePurge(""), 404, 50, 30, "NOT_FOUND - no previously declared queue");
        Channel ch2 = channel(t);
        String q = ch2.queueDeclare().getQueue();
        ch2.basicPublish("", q, null, bytes("m"));
        ch2.queueDeclarePassive(q);
        assertThat(ch2.queuePurge("").getMessageCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unbind_stopsRouting(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        ch.queueBind(q, "amq.direct", "k");
        ch.basicPublish("amq.direct", "k", null, bytes("1"));
        ch.queueUnbind(q, "amq.direct", "k");
        ch.basicPublish("amq.direct", "k", null, bytes("2"));
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("1");
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void bindToMissingQueueOrExchange_is404(Target t) throws Exception {
        Channel ch = channel(t);
        String missing = name("missing");
        expectChannelClose(
                () -> ch.queueBind(missing, "amq.direct", "k"),
                404,
                50,
                20,
                "NOT_FOUND - no queue '" + missing + "' in vhost '/'");
        Channel ch2 = channel(t);
        String q = ch2.queueDeclare().getQueue();
        expectChannelClose(
                () -> ch2.queueBind(q, missing, "k"),
                404,
                50,
                20,
                "NOT_FOUND - no exchange '" + missing + "' in vhost '/'");
    }
}
