package dev.eventcontracts.broker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.HarnessBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private HarnessBroker broker;
    private Connection connection;
    private Channel channel;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        broker = HarnessBroker.builder().build().start();
        connection = connect();
        channel = connection.createChannel();
        channel.queueDeclare("q", false, false, false, null);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    private void publish(String... bodies) throws Exception {
        for (String b : bodies) {
            channel.basicPublish("", "q", null, b.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void consume(Channel ch) throws Exception {
        ch.basicConsume("q", false, (tag, d) -> received.add(d), tag -> {});
    }

    private Delivery next() throws InterruptedException {
        Delivery d = received.poll(5, TimeUnit.SECONDS);
        assertThat(d).as("a delivery within 5 s").isNotNull();
        return d;
    }

    private static String body(Delivery d) {
        return new String(d.getBody(), StandardCharsets.UTF_8);
    }

    private int ready() throws Exception {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive("q").getMessageCount();
        }
    }

    @Test
    void duplicateDeliveries_sendsTheNextNTwice_copyFlaggedRedelivered() throws Exception {
        Faults.ActiveFault rule = broker.faults().add(new FaultRule.DuplicateDeliveries("q", 1));
        assertThat(rule.id()).isPositive();
        publish("a", "b");
        consume(channel);

        Delivery first = next();
        Delivery copy = next();
        Delivery second = next();
        assertThat(List.of(body(first), body(copy), body(second))).containsExactly("a", "a", "b");
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        assertThat(copy.getEnvelope().isRedeliver()).isTrue();
        assertThat(copy.getEnvelope().getDeliveryTag())
                .isNotEqualTo(first.getEnvelope().getDeliveryTag());
        assertThat(second.getEnvelope().isRedeliver()).isFalse();
        for (Delivery d : List.of(first, copy, second)) {
            channel.basicAck(d.getEnvelope().getDeliveryTag(), false);
        }
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(broker.faults().active()).isEmpty();
    }

    @Test
    void loseAcks_redeliversAnAckedMessage_flaggedRedelivered() throws Exception {
        broker.faults().add(new FaultRule.LoseAcks("q", 1));
        publish("once");
        consume(channel);

        Delivery d = next();
        channel.basicAck(d.getEnvelope().getDeliveryTag(), false);
        Delivery again = next();
        assertThat(body(again)).isEqualTo("once");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        channel.basicAck(again.getEnvelope().getDeliveryTag(), false);
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(broker.faults().active()).isEmpty();
    }

    @Test
    void delayDeliveries_holdsEachOfTheNextN() throws Exception {
        broker.faults().add(new FaultRule.DelayDeliveries("q", Duration.ofMillis(400), 1));
        consume(channel);
        long start = System.nanoTime();
        publish("late");
        Delivery d = next();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(body(d)).isEqualTo("late");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(350);
    }

    @Test
    void reorderDeliveries_sendsABatchInReverseOrder() throws Exception {
        broker.faults().add(new FaultRule.ReorderDeliveries("q", 3, Duration.ofSeconds(10)));
        consume(channel);
        publish("1", "2", "3", "4");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(body(next()));
        }
        assertThat(bodies).containsExactly("3", "2", "1", "4");
    }

    @Test
    void reorderDeliveries_releasesAPartialBatchAfterMaxWait() throws Exception {
        broker.faults().add(new FaultRule.ReorderDeliveries("q", 5, Duration.ofMillis(200)));
        consume(channel);
        publish("x", "y");
        assertThat(List.of(body(next()), body(next()))).containsExactly("y", "x");
    }

    @Test
    void closeChannelAfter_closesTheConsumersChannel_andRequeuesItsMessages() throws Exception {
        broker.faults().add(new FaultRule.CloseChannelAfter("q", 2));
        Channel consumer = connection.createChannel();
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        consumer.addShutdownListener(closed::complete);
        consume(consumer);
        publish("1", "2", "3");

        ShutdownSignalException cause = closed.get(5, TimeUnit.SECONDS);
        assertThat(cause.isHardError()).isFalse();
        assertThat(cause.getMessage()).contains("reply-code=320").contains("harness fault rule");
        assertThat(connection.isOpen()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 3);
    }

    @Test
    void closeConnectionAfter_closesTheConsumersConnection_with320() throws Exception {
        broker.faults().add(new FaultRule.CloseConnectionAfter("q", 1));
        Connection other = connect();
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        other.addShutdownListener(closed::complete);
        consume(other.createChannel());
        publish("1");

        ShutdownSignalException cause = closed.get(5, TimeUnit.SECONDS);
        assertThat(cause.isHardError()).isTrue();
        assertThat(cause.getMessage()).contains("reply-code=320").contains("CONNECTION_FORCED");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
    }

    @Test
    void pauseQueue_holdsDeliveriesUntilTheRuleEnds() throws Exception {
        Faults.ActiveFault pause = broker.faults().add(new FaultRule.PauseQueue("q", Duration.ofMinutes(5)));
        assertThat(pause.endsAtMillis()).isPositive();
        consume(channel);
        publish("held");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(ready()).isEqualTo(1);

        assertThat(broker.faults().remove(pause.id())).isTrue();
        assertThat(body(next())).isEqualTo("held");
        assertThat(broker.faults().remove(pause.id())).isFalse();
    }

    @Test
    void pauseQueue_endsByItselfAfterItsDuration() throws Exception {
        broker.faults().add(new FaultRule.PauseQueue("q", Duration.ofMillis(300)));
        consume(channel);
        publish("later");
        assertThat(body(next())).isEqualTo("later");
        assertThat(broker.faults().active()).isEmpty();
    }

    @Test
    void rulesOnOtherQueues_doNotApply_andClearEndsAll() throws Exception {
        broker.faults().add(new FaultRule.DuplicateDeliveries("other", 5));
        broker.faults().add(new FaultRule.PauseQueue("other", Duration.ofMinutes(1)));
        consume(channel);
        publish("plain");
        assertThat(body(next())).isEqualTo("plain");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(broker.faults().active()).hasSize(2);
        broker.faults().clear();
        assertThat(broker.faults().active()).isEmpty();
    }

    // ---- basic.get (polling consumers) -------------------------------------------------------

    private String get() throws Exception {
        GetResponse r = channel.basicGet("q", true);
        assertThat(r).as("basic.get answered with a message").isNotNull();
        return new String(r.getBody(), StandardCharsets.UTF_8)
                + (r.getEnvelope().isRedeliver() ? "*" : "");
    }

    @Test
    void duplicateDeliveries_onBasicGet_theNextGetReturnsTheCopyFlaggedRedelivered() throws Exception {
        broker.faults().add(new FaultRule.DuplicateDeliveries("q", 1));
        publish("a", "b");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 2);

        assertThat(List.of(get(), get(), get())).containsExactly("a", "a*", "b");
        assertThat(channel.basicGet("q", true)).isNull();
        assertThat(broker.faults().active()).isEmpty();
    }

    @Test
    void duplicateDeliveries_onBasicGet_settlingTheCopyLeavesTheMessageAlone() throws Exception {
        broker.faults().add(new FaultRule.DuplicateDeliveries("q", 1));
        publish("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
        GetResponse original = channel.basicGet("q", false);
        GetResponse copy = channel.basicGet("q", false);
        assertThat(copy.getEnvelope().isRedeliver()).isTrue();
        assertThat(copy.getEnvelope().getDeliveryTag())
                .isNotEqualTo(original.getEnvelope().getDeliveryTag());
        channel.basicNack(copy.getEnvelope().getDeliveryTag(), false, false);
        channel.basicAck(original.getEnvelope().getDeliveryTag(), false);
        assertThat(channel.basicGet("q", true)).isNull();
    }

    @Test
    void delayDeliveries_onBasicGet_holdsTheGetOk() throws Exception {
        publish("slow");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
        broker.faults().add(new FaultRule.DelayDeliveries("q", Duration.ofMillis(400), 1));
        long start = System.nanoTime();
        assertThat(get()).isEqualTo("slow");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(350);
        assertThat(broker.faults().active()).isEmpty();
    }

    @Test
    void reorderDeliveries_doesNotApplyToBasicGet_andStaysActiveForConsumers() throws Exception {
        broker.faults().add(new FaultRule.ReorderDeliveries("q", 2, Duration.ofSeconds(10)));
        publish("1", "2", "3");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 3);
        assertThat(List.of(get(), get())).containsExactly("1", "2");
        assertThat(broker.faults().active())
                .singleElement()
                .satisfies(f -> assertThat(f.applied()).isZero());
    }

    @Test
    void closeChannelAfter_countsBasicGet() throws Exception {
        broker.faults().add(new FaultRule.CloseChannelAfter("q", 1));
        publish("x");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
        Channel poller = connection.createChannel();
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        poller.addShutdownListener(closed::complete);
        GetResponse r = poller.basicGet("q", false);
        assertThat(r).isNotNull();
        assertThat(closed.get(5, TimeUnit.SECONDS).getMessage()).contains("reply-code=320");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
        assertThat(get()).isEqualTo("x*");
    }

    @Test
    void restartBroker_isValidated() {
        assertThatThrownBy(() -> new FaultRule.RestartBroker("q", 0))
                .hasMessageContaining("'deliveries' must be at least 1, got '0'");
        assertThatThrownBy(() -> new FaultRule.RestartBroker(null, 1)).hasMessageContaining("name of the queue");
    }

    @Test
    void invalidRules_areRefusedWithTheOffendingValue() {
        assertThatThrownBy(() -> new FaultRule.DuplicateDeliveries("q", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'times' must be at least 1, got '0'");
        assertThatThrownBy(() -> new FaultRule.PauseQueue("", Duration.ofSeconds(1)))
                .hasMessageContaining("name of the queue");
        assertThatThrownBy(() -> new FaultRule.DelayDeliveries("q", Duration.ZERO, 1))
                .hasMessageContaining("'delay' must be a positive duration");
        assertThatThrownBy(() -> new FaultRule.ReorderDeliveries("q", 1, Duration.ofSeconds(1)))
                .hasMessageContaining("batch '1' must be at least 2");
    }
}
