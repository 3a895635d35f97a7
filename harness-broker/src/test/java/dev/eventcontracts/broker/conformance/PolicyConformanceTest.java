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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policies against both targets: on the harness through {@code PUT/DELETE /api/policies}, on
 * RabbitMQ through {@code rabbitmqctl}. Every policy pattern is anchored on a unique prefix, so
 * nothing else on the shared RabbitMQ is affected, and every policy is cleared after its test.
 */
class PolicyConformanceTest extends ConformanceBase {

    private PolicyControl control(Target t) {
        if (t.oracle()) {
            Assumptions.assumeTrue(PolicyControl.rabbitmqctlAvailable(), "rabbitmqctl not installed here");
        }
        return new PolicyControl(t, harness().adminUri());
    }

    private void policy(Target t, String name, String pattern, String definition, String applyTo, int priority) {
        PolicyControl c = control(t);
        cleanup(() -> c.clear(name));
        PolicyControl.Outcome o = c.set(name, pattern, definition, applyTo, priority);
        assertThat(o.ok()).as("set_policy %s: %s", name, o.error()).isTrue();
    }

    private String queue(Target t, Channel ch, String name, Map<String, Object> args) throws Exception {
        ch.queueDeclare(name, false, false, false, args);
        deleteAfter(t, name);
        return name;
    }

    private static GetResponse awaitMessage(Channel ch, String queue) {
        return awaitMessage(ch, queue, true);
    }

    private static GetResponse awaitMessage(Channel ch, String queue, boolean autoAck) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    got.set(ch.basicGet(queue, autoAck));
                    return got.get() != null;
                });
        return got.get();
    }

    private static void awaitCount(Channel ch, String queue, int count) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ch.queueDeclarePassive(queue).getMessageCount() == count);
    }

    private static void publishConfirmed(Channel ch, String queue, String... bodies) throws Exception {
        ch.confirmSelect();
        for (String b : bodies) {
            ch.basicPublish("", queue, null, bytes(b));
        }
        ch.waitForConfirms(5000);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void deadLetterExchangePolicy_deadLettersRejectedMessagesOfAQueueWithoutArguments(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        ch.exchangeDeclare(p + "-dlx", "fanout");
        deleteExchangeAfter(t, p + "-dlx");
        String dlq = queue(t, ch, p + "-dlq", null);
        ch.queueBind(dlq, p + "-dlx", "");
        policy(t, p + "-dl", "^" + p + "-work$", "{\"dead-letter-exchange\":\"" + p + "-dlx\"}", "queues", 0);
        String work = queue(t, ch, p + "-work", null);
        ch.basicPublish("", work, null, bytes("poison"));
        GetResponse r = awaitMessage(ch, work, false);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
        GetResponse dead = awaitMessage(ch, dlq);
        assertThat(new String(dead.getBody())).isEqualTo("poison");
        @SuppressWarnings("unchecked")
        Map<String, Object> death =
                ((List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death")).get(0);
        assertThat(death.get("reason").toString()).isEqualTo("rejected");
        assertThat(death.get("queue").toString()).isEqualTo(work);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void deadLetterExchangeArgument_winsOverThePolicy(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        for (String x : List.of("-by-arg", "-by-policy")) {
            ch.exchangeDeclare(p + x, "fanout");
            deleteExchangeAfter(t, p + x);
            queue(t, ch, p + x + "-q", null);
            ch.queueBind(p + x + "-q", p + x, "");
        }
        policy(t, p + "-dl", "^" + p + "-work$", "{\"dead-letter-exchange\":\"" + p + "-by-policy\"}", "queues", 0);
        String work = queue(t, ch, p + "-work", Map.of("x-dead-letter-exchange", p + "-by-arg"));
        ch.basicPublish("", work, null, bytes("m"));
        GetResponse r = awaitMessage(ch, work, false);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
        awaitMessage(ch, p + "-by-arg-q");
        assertThat(ch.queueDeclarePassive(p + "-by-policy-q").getMessageCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void maxLength_lowerOfArgumentAndPolicyApplies(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        policy(t, p + "-len", "^" + p + "-", "{\"max-length\":2}", "queues", 0);
        String argLower = queue(t, ch, p + "-arg-lower", Map.of("x-max-length", 1));
        String policyLower = queue(t, ch, p + "-policy-lower", Map.of("x-max-length", 3));
        publishConfirmed(ch, argLower, "a", "b", "c", "d");
        publishConfirmed(ch, policyLower, "a", "b", "c", "d");
        assertThat(ch.queueDeclarePassive(argLower).getMessageCount()).isEqualTo(1);
        assertThat(ch.queueDeclarePassive(policyLower).getMessageCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void policySetOnAnExistingQueue_dropsTheOldestAtOnce_andClearingItLiftsTheLimit(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        String q = queue(t, ch, p + "-q", null);
        publishConfirmed(ch, q, "a", "b", "c");
        policy(t, p + "-len", "^" + p + "-q$", "{\"max-length\":1}", "queues", 0);
        awaitCount(ch, q, 1);
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(1);
        assertThat(new String(ch.basicGet(q, false).getBody())).isEqualTo("c");
        ch.basicRecover(true);
        assertThat(control(t).clear(p + "-len").ok()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    publishConfirmed(ch, q, "more");
                    return ch.queueDeclarePassive(q).getMessageCount() >= 3;
                });
    }

    @ParameterizedTest
    @MethodSource("targets")
    void ofTwoMatchingPolicies_theHigherPriorityAppliesAlone(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        policy(t, p + "-low", "^" + p + "-q$", "{\"max-length\":1}", "queues", 0);
        policy(t, p + "-high", "^" + p + "-q$", "{\"message-ttl\":600000}", "queues", 5);
        String q = queue(t, ch, p + "-q", null);
        publishConfirmed(ch, q, "a", "b", "c");
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(3);
        assertThat(control(t).clear(p + "-high").ok()).isTrue();
        awaitCount(ch, q, 1);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void messageTtl_lowerPolicyThanArgument_expiresMessages(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        policy(t, p + "-ttl", "^" + p + "-q$", "{\"message-ttl\":50}", "queues", 0);
        String q = queue(t, ch, p + "-q", Map.of("x-message-ttl", 600000));
        publishConfirmed(ch, q, "short-lived");
        awaitCount(ch, q, 0);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void overflowRejectPublishPolicy_nacksTheNewestInConfirmMode(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        policy(t, p + "-ovf", "^" + p + "-q$", "{\"max-length\":1,\"overflow\":\"reject-publish\"}", "queues", 0);
        String q = queue(t, ch, p + "-q", null);
        List<String> events = new CopyOnWriteArrayList<>();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                events.add("ack" + tag);
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                events.add("nack" + tag);
            }
        });
        ch.confirmSelect();
        ch.basicPublish("", q, null, bytes("kept"));
        ch.basicPublish("", q, null, bytes("refused"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events).containsExactly("ack1", "nack2");
        assertThat(new String(ch.basicGet(q, true).getBody())).isEqualTo("kept");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void expiresPolicy_deletesTheUnusedQueue(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        policy(t, p + "-exp", "^" + p + "-q$", "{\"expires\":200}", "queues", 0);
        String q = queue(t, ch, p + "-q", null);
        List<String> returned = new CopyOnWriteArrayList<>();
        ch.addReturnListener(r -> returned.add(r.getRoutingKey()));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    ch.basicPublish("", q, true, null, bytes("probe"));
                    return !returned.isEmpty();
                });
    }

    @ParameterizedTest
    @MethodSource("targets")
    void policyAppliedToExchangesOnly_leavesQueuesUnlimited(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        policy(t, p + "-ex", "^" + p + "-q$", "{\"max-length\":1}", "exchanges", 0);
        String q = queue(t, ch, p + "-q", null);
        publishConfirmed(ch, q, "a", "b");
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void alternateExchangePolicy_receivesWhatTheExchangeCannotRoute(Target t) throws Exception {
        Channel ch = channel(t);
        String p = name("pol");
        ch.exchangeDeclare(p + "-ae", "fanout");
        deleteExchangeAfter(t, p + "-ae");
        String unrouted = queue(t, ch, p + "-unrouted", null);
        ch.queueBind(unrouted, p + "-ae", "");
        policy(t, p + "-alt", "^" + p + "-orders$", "{\"alternate-exchange\":\"" + p + "-ae\"}", "exchanges", 0);
        ch.exchangeDeclare(p + "-orders", "direct");
        deleteExchangeAfter(t, p + "-orders");
        ch.basicPublish(p + "-orders", "nobody.binds.this", null, bytes("lost?"));
        assertThat(new String(awaitMessage(ch, unrouted).getBody())).isEqualTo("lost?");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void invalidPolicies_areRefusedWithRabbitMqsValidationText(Target t) throws Exception {
        open(t); // skips the oracle half when RabbitMQ is unreachable
        PolicyControl c = control(t);
        String p = name("pol");
        cleanup(() -> c.clear(p + "-bad"));
        Map<String, String> cases = Map.of(
                "{\"max-length\":\"a\"}", "<<\"a\">> is not a valid maximum length",
                "{\"no-such-key\":1}", "[{<<\"no-such-key\">>,1}] are not recognised policy settings",
                "{\"expires\":0}", "0 is not a valid queue expiry");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            PolicyControl.Outcome o = c.set(p + "-bad", "^" + p, e.getKey(), "queues", 0);
            assertThat(o.ok()).as(e.getKey()).isFalse();
            assertThat(o.error()).as(e.getKey()).contains(e.getValue());
        }
        PolicyControl.Outcome applyTo = c.set(p + "-bad", "^" + p, "{\"max-length\":1}", "everything", 0);
        assertThat(applyTo.error())
                .contains("apply-to 'everything' unrecognised; should be 'queues', 'exchanges' or 'all'");
    }
}
