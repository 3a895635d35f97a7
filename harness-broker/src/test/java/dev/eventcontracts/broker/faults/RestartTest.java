package dev.eventcontracts.broker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Restarting the broker with its durable state ({@code HarnessBroker.restart()} and the fault rule
 * {@code RestartBroker}), in memory and with a data directory, through the official client. What
 * RabbitMQ does on a node restart: clients get {@code 320 CONNECTION_FORCED - broker forced
 * connection closure with reason 'shutdown'}; durable exchanges, queues, bindings and persistent
 * messages on durable queues survive, everything transient is gone.
 */
class RestartTest {
    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    @TempDir
    Path data;

    private HarnessBroker broker;
    private final List<Connection> connections = new ArrayList<>();

    private void start(boolean durable) {
        HarnessBroker.Builder b = HarnessBroker.builder();
        if (durable) {
            b.dataDirectory(data);
        }
        broker = b.build().start();
    }

    @AfterEach
    void stop() {
        for (Connection c : connections) {
            c.abort(1000);
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Connection connect(boolean automaticRecovery) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(automaticRecovery);
        f.setNetworkRecoveryInterval(50);
        Connection c = f.newConnection();
        connections.add(c);
        return c;
    }

    private static void publish(Channel ch, String exchange, String key, String body, AMQP.BasicProperties props)
            throws IOException {
        ch.basicPublish(exchange, key, props, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(GetResponse r) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }

    private static String body(Delivery d) {
        return new String(d.getBody(), StandardCharsets.UTF_8);
    }

    /** Whether {@code check} fails with 404 NOT_FOUND on a fresh channel of {@code c}. */
    private static boolean notFound(Connection c, ChannelCheck check) throws Exception {
        Channel ch = c.createChannel();
        try {
            check.run(ch);
            ch.close();
            return false;
        } catch (IOException e) {
            return e.getCause() instanceof ShutdownSignalException s
                    && s.getMessage().contains("reply-code=404");
        }
    }

    private interface ChannelCheck {
        void run(Channel ch) throws IOException;
    }

    @ParameterizedTest(name = "data directory: {0}")
    @ValueSource(booleans = {false, true})
    void restart_closesClientsWith320_keepsDurableState_dropsTransient(boolean durable) throws Exception {
        start(durable);
        int port = broker.port();
        int adminPort = broker.adminPort();
        Connection before = connect(false);
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        before.addShutdownListener(closed::complete);
        Channel ch = before.createChannel();
        ch.exchangeDeclare("orders", "direct", true);
        ch.exchangeDeclare("orders.transient", "direct", false);
        ch.queueDeclare("orders.durable", true, false, false, null);
        ch.queueDeclare("orders.transient", false, false, false, null);
        ch.queueDeclare("orders.exclusive", true, true, false, null);
        ch.queueDeclare("orders.auto-delete", true, false, true, null);
        ch.basicConsume("orders.auto-delete", true, (tag, d) -> {}, tag -> {});
        ch.queueBind("orders.durable", "orders", "placed");
        ch.queueBind("orders.transient", "orders", "placed");
        publish(ch, "orders", "placed", "p1", PERSISTENT);
        publish(ch, "orders", "placed", "n1", null);
        publish(ch, "orders", "placed", "p2", PERSISTENT);
        GetResponse unacked = ch.basicGet("orders.durable", false);
        assertThat(body(unacked)).isEqualTo("p1");

        broker.restart();

        ShutdownSignalException signal = closed.get(5, TimeUnit.SECONDS);
        assertThat(signal.isHardError()).isTrue();
        assertThat(signal.getMessage())
                .contains("reply-code=320")
                .contains("CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'");
        assertThat(broker.port()).isEqualTo(port);
        assertThat(broker.adminPort()).isEqualTo(adminPort);
        assertThat(broker.restarts()).isEqualTo(1);

        Connection after = connect(false);
        Channel again = after.createChannel();
        assertThat(again.queueDeclarePassive("orders.durable").getMessageCount())
                .isEqualTo(2);
        again.exchangeDeclarePassive("orders");
        assertThat(notFound(after, c -> c.queueDeclarePassive("orders.transient")))
                .isTrue();
        assertThat(notFound(after, c -> c.queueDeclarePassive("orders.exclusive")))
                .isTrue();
        assertThat(notFound(after, c -> c.queueDeclarePassive("orders.auto-delete")))
                .isTrue();
        assertThat(notFound(after, c -> c.exchangeDeclarePassive("orders.transient")))
                .isTrue();

        GetResponse first = again.basicGet("orders.durable", true);
        GetResponse second = again.basicGet("orders.durable", true);
        assertThat(List.of(body(first), body(second))).containsExactly("p1", "p2");
        assertThat(first.getEnvelope().isRedeliver()).isTrue();
        assertThat(second.getEnvelope().isRedeliver()).isTrue();
        assertThat(again.basicGet("orders.durable", true)).isNull();

        publish(again, "orders", "placed", "p3", PERSISTENT);
        GetResponse routed = again.basicGet("orders.durable", true);
        assertThat(routed).as("the durable binding survived").isNotNull();
        assertThat(body(routed)).isEqualTo("p3");
        assertThat(routed.getEnvelope().isRedeliver()).isFalse();
        if (durable) {
            assertThat(broker.recoveryReport().orElseThrow().messages()).isEqualTo(2);
        } else {
            assertThat(broker.recoveryReport()).isEmpty();
        }
    }

    @ParameterizedTest(name = "data directory: {0}")
    @ValueSource(booleans = {false, true})
    void restart_twice_keepsWhatTheFirstRestartKept(boolean durable) throws Exception {
        start(durable);
        Channel ch = connect(false).createChannel();
        ch.confirmSelect();
        ch.queueDeclare("kept", true, false, false, null);
        publish(ch, "", "kept", "k1", PERSISTENT);
        ch.waitForConfirmsOrDie(5000);
        broker.restart();
        Channel between = connect(false).createChannel();
        between.confirmSelect();
        publish(between, "", "kept", "k2", PERSISTENT);
        publish(between, "", "kept", "gone", null);
        between.waitForConfirmsOrDie(5000);
        broker.restart();

        Channel last = connect(false).createChannel();
        assertThat(body(last.basicGet("kept", true))).isEqualTo("k1");
        assertThat(body(last.basicGet("kept", true))).isEqualTo("k2");
        assertThat(last.basicGet("kept", true)).isNull();
        assertThat(broker.restarts()).isEqualTo(2);
    }

    @ParameterizedTest(name = "data directory: {0}")
    @ValueSource(booleans = {false, true})
    void automaticRecovery_reconnects_andTheConsumerGetsUnackedMessagesRedelivered(boolean durable) throws Exception {
        start(durable);
        Connection c = connect(true);
        CompletableFuture<Void> recovered = new CompletableFuture<>();
        ((Recoverable) c).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable r) {
                recovered.complete(null);
            }

            @Override
            public void handleRecoveryStarted(Recoverable r) {}
        });
        Channel ch = c.createChannel();
        ch.queueDeclare("work", true, false, false, null);
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        ch.basicConsume("work", false, (tag, d) -> received.add(d), tag -> {});
        publish(ch, "", "work", "w1", PERSISTENT);
        publish(ch, "", "work", "w2", PERSISTENT);
        Delivery w1 = received.poll(5, TimeUnit.SECONDS);
        Delivery w2 = received.poll(5, TimeUnit.SECONDS);
        assertThat(List.of(body(w1), body(w2))).containsExactly("w1", "w2");
        assertThat(w1.getEnvelope().isRedeliver()).isFalse();

        broker.restart();
        recovered.get(10, TimeUnit.SECONDS);

        Delivery r1 = received.poll(5, TimeUnit.SECONDS);
        Delivery r2 = received.poll(5, TimeUnit.SECONDS);
        assertThat(r1).as("redelivery after recovery").isNotNull();
        assertThat(r2).as("redelivery after recovery").isNotNull();
        assertThat(List.of(body(r1), body(r2))).containsExactly("w1", "w2");
        assertThat(r1.getEnvelope().isRedeliver()).isTrue();
        assertThat(r2.getEnvelope().isRedeliver()).isTrue();
        ch.basicAck(r2.getEnvelope().getDeliveryTag(), true);
        assertThat(ch.queueDeclarePassive("work").getMessageCount()).isZero();
    }

    @ParameterizedTest(name = "data directory: {0}")
    @ValueSource(booleans = {false, true})
    void restartBrokerRule_restartsAfterTheKthDelivery_andEndsOtherRules(boolean durable) throws Exception {
        start(durable);
        Connection c = connect(true);
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        c.addShutdownListener(closed::complete);
        CompletableFuture<Void> recovered = new CompletableFuture<>();
        ((Recoverable) c).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable r) {
                recovered.complete(null);
            }

            @Override
            public void handleRecoveryStarted(Recoverable r) {}
        });
        Channel ch = c.createChannel();
        ch.queueDeclare("jobs", true, false, false, null);
        broker.faults().add(new FaultRule.LoseAcks("other", 5));
        Faults.ActiveFault rule = broker.faults().add(new FaultRule.RestartBroker("jobs", 2));
        assertThat(broker.faults().active()).extracting(Faults.ActiveFault::id).contains(rule.id());
        for (String b : List.of("j1", "j2", "j3")) {
            publish(ch, "", "jobs", b, PERSISTENT);
        }
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        ch.basicConsume("jobs", false, (tag, d) -> received.add(d), tag -> {});

        ShutdownSignalException signal = closed.get(10, TimeUnit.SECONDS);
        assertThat(signal.getMessage()).contains("reply-code=320");
        recovered.get(10, TimeUnit.SECONDS);
        assertThat(broker.restarts()).isEqualTo(1);
        assertThat(broker.faults().active()).isEmpty();

        List<Delivery> afterRestart = new ArrayList<>();
        Delivery d;
        while (afterRestart.size() < 3 && (d = received.poll(5, TimeUnit.SECONDS)) != null) {
            if (d.getEnvelope().isRedeliver()) {
                afterRestart.add(d);
            }
        }
        assertThat(afterRestart).extracting(RestartTest::body).containsExactly("j1", "j2", "j3");
    }

    @ParameterizedTest(name = "data directory: {0}")
    @ValueSource(booleans = {false, true})
    void restartBrokerRule_countsBasicGetToo(boolean durable) throws Exception {
        start(durable);
        Connection c = connect(false);
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        c.addShutdownListener(closed::complete);
        Channel ch = c.createChannel();
        ch.queueDeclare("polled", true, false, false, null);
        publish(ch, "", "polled", "g1", PERSISTENT);
        publish(ch, "", "polled", "g2", null);
        broker.faults().add(new FaultRule.RestartBroker("polled", 1));

        assertThat(body(ch.basicGet("polled", false))).isEqualTo("g1");
        assertThat(closed.get(10, TimeUnit.SECONDS).getMessage()).contains("reply-code=320");

        Channel after = reconnectAfterRestart().createChannel();
        GetResponse back = after.basicGet("polled", true);
        assertThat(body(back)).isEqualTo("g1");
        assertThat(back.getEnvelope().isRedeliver()).isTrue();
        assertThat(after.basicGet("polled", true))
                .as("the non-persistent g2 is gone")
                .isNull();
    }

    /** Connects once the restart a rule triggered has re-bound the port. */
    private Connection reconnectAfterRestart() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.restarts() > 0);
        return connect(false);
    }

    @Test
    void restart_afterClose_isRefused_andBeforeStartToo() {
        HarnessBroker notStarted = HarnessBroker.builder().build();
        assertThatThrownBy(notStarted::restart)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        start(false);
        broker.close();
        assertThatThrownBy(broker::restart)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
