package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfirmTxConformanceTest extends ConformanceBase {

    /** Records returns and confirms in arrival order, e.g. {@code return312}, {@code ack3}. */
    private static List<String> recordEvents(Channel ch) {
        List<String> events = new CopyOnWriteArrayList<>();
        ch.addReturnListener(r -> events.add("return" + r.getReplyCode()));
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                events.add("ack" + tag + (multiple ? "*" : ""));
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                events.add("nack" + tag + (multiple ? "*" : ""));
            }
        });
        return events;
    }

    @ParameterizedTest
    @MethodSource("targets")
    void confirms_ackEveryPublish(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare().getQueue();
        ch.confirmSelect();
        for (int i = 0; i < 50; i++) {
            ch.basicPublish("", q, null, bytes("m" + i));
        }
        assertThat(ch.waitForConfirms(5000)).isTrue();
        assertThat(ch.getNextPublishSeqNo()).isEqualTo(51);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void mandatoryUnroutable_isReturnedWith312BeforeItsAck(Target t) throws Exception {
        Channel ch = channel(t);
        List<String> events = recordEvents(ch);
        ch.confirmSelect();
        ch.basicPublish("amq.direct", name("nobody"), true, null, bytes("m"));
        ch.waitForConfirmsOrDie(5000);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);
        assertThat(events).containsExactly("return312", "ack1");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void returnedMessage_carriesReplyTextExchangeAndKey(Target t) throws Exception {
        Channel ch = channel(t);
        List<com.rabbitmq.client.Return> returns = new CopyOnWriteArrayList<>();
        ch.addReturnListener(returns::add);
        String key = name("nobody");
        ch.basicPublish("amq.direct", key, true, null, bytes("lost"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !returns.isEmpty());
        com.rabbitmq.client.Return r = returns.get(0);
        assertThat(r.getReplyText()).isEqualTo("NO_ROUTE");
        assertThat(r.getExchange()).isEqualTo("amq.direct");
        assertThat(r.getRoutingKey()).isEqualTo(key);
        assertThat(r.getBody()).isEqualTo(bytes("lost"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void rejectPublishOverflow_nacksTheNewestPublish(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"))
                .getQueue();
        List<String> events = recordEvents(ch);
        ch.confirmSelect();
        ch.basicPublish("", q, null, bytes("a"));
        ch.basicPublish("", q, null, bytes("b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);
        assertThat(events).containsExactly("ack1", "nack2");
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("a");
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void txCommit_publishesAndAcks_rollbackDiscards(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare(name("tx"), false, false, false, null).getQueue();
        deleteAfter(t, q);
        Channel observer = channel(t);
        ch.txSelect();
        ch.basicPublish("", q, null, bytes("rolled-back"));
        assertThat(observer.basicGet(q, true)).isNull();
        ch.txRollback();
        ch.basicPublish("", q, null, bytes("committed"));
        ch.txCommit();
        GetResponse r = ch.basicGet(q, false);
        assertThat(new String(r.getBody())).isEqualTo("committed");
        ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
        ch.txRollback();
        ch.basicRecover(true);
        GetResponse again = ch.basicGet(q, false);
        assertThat(again).as("a rolled-back ack leaves the message unacked").isNotNull();
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        ch.basicAck(again.getEnvelope().getDeliveryTag(), false);
        ch.txCommit();
        ch.basicRecover(true);
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void txWithoutSelect_andMixingWithConfirms_are406(Target t) throws Exception {
        Channel ch = channel(t);
        expectChannelClose(ch::txCommit, 406, 90, 20, "PRECONDITION_FAILED - channel is not transactional");
        Channel ch2 = channel(t);
        expectChannelClose(ch2::txRollback, 406, 90, 30, "PRECONDITION_FAILED - channel is not transactional");
        Channel ch3 = channel(t);
        ch3.txSelect();
        expectChannelClose(
                ch3::confirmSelect, 406, 85, 10, "PRECONDITION_FAILED - cannot switch from tx to confirm mode");
        Channel ch4 = channel(t);
        ch4.confirmSelect();
        expectChannelClose(ch4::txSelect, 406, 90, 10, "PRECONDITION_FAILED - cannot switch from confirm to tx mode");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void mandatoryInTransaction_isReturnedOnCommit(Target t) throws Exception {
        Channel ch = channel(t);
        List<String> events = recordEvents(ch);
        ch.txSelect();
        ch.basicPublish("amq.direct", name("nobody"), true, null, bytes("m"));
        ch.txCommit();
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events).containsExactly("return312");
    }
}
