package dev.eventcontracts.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's {@code force()} runs on a sync thread of the store, not on the broker's thread: a held
 * force holds back exactly the confirms it covers while other connections keep being served,
 * confirms come in publish order, publishes that arrive during a force share the next one, a force
 * that fails on the sync thread nacks every pending confirm, and writes nobody waits for (consumer
 * acks) still reach the disk without a publish and before a clean close.
 */
class SyncThreadTest {
    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    @TempDir
    Path dir;

    /** While armed, a force blocks until released, then fails when {@link #failForce} is set. */
    private final AtomicBoolean holdForces = new AtomicBoolean();

    private final AtomicBoolean failForce = new AtomicBoolean();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger forces = new AtomicInteger();
    private final Set<String> forcingThreads = ConcurrentHashMap.newKeySet();

    private final LogOptions hooked = LogOptions.DEFAULTS.withWriteHook((segment, operation) -> {
        if (!operation.equals("fsync")) {
            return;
        }
        forces.incrementAndGet();
        forcingThreads.add(Thread.currentThread().getName());
        if (holdForces.get()) {
            held.incrementAndGet();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test never released the held force");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            }
            if (failForce.get()) {
                throw new IOException("Input/output error");
            }
        }
    });

    @AfterEach
    void releaseHeldForces() {
        holdForces.set(false);
        release.countDown();
    }

    private HarnessBroker start() {
        return HarnessBroker.builder()
                .dataDirectory(dir)
                .logOptions(hooked)
                .build()
                .start();
    }

    private static Connection connect(HarnessBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Confirm outcomes in the order they arrived, expanded to single sequence numbers. */
    private static final class Confirms implements ConfirmListener {
        final List<Long> acks = new CopyOnWriteArrayList<>();
        final List<Long> nacks = new CopyOnWriteArrayList<>();
        final AtomicBoolean multipleSeen = new AtomicBoolean();
        private long highest;

        @Override
        public void handleAck(long seq, boolean multiple) {
            record(acks, seq, multiple);
        }

        @Override
        public void handleNack(long seq, boolean multiple) {
            record(nacks, seq, multiple);
        }

        private synchronized void record(List<Long> into, long seq, boolean multiple) {
            if (multiple) {
                multipleSeen.set(true);
                for (long s = highest + 1; s <= seq; s++) {
                    into.add(s);
                }
            } else {
                into.add(seq);
            }
            highest = Math.max(highest, seq);
        }

        int total() {
            return acks.size() + nacks.size();
        }
    }

    /** Holds the next force and waits until the sync thread sits in it. */
    private void holdNextForce() {
        holdForces.set(true);
    }

    private void awaitHeld() {
        await().atMost(Duration.ofSeconds(10)).until(() -> held.get() > 0);
    }

    @Test
    void heldForce_withholdsItsConfirm_whileAnotherConnectionIsServed() throws Exception {
        try (HarnessBroker broker = start();
                Connection publisher = connect(broker);
                Connection other = connect(broker)) {
            Channel ch = publisher.createChannel();
            Confirms confirms = new Confirms();
            ch.addConfirmListener(confirms);
            ch.confirmSelect();
            ch.queueDeclare("orders", true, false, false, null);

            holdNextForce();
            ch.basicPublish("", "orders", PERSISTENT, text("held"));
            awaitHeld();

            // the broker's thread is free: another connection declares, publishes, confirms and gets
            Channel side = other.createChannel();
            side.confirmSelect();
            String queue = side.queueDeclare().getQueue();
            for (int i = 0; i < 20; i++) {
                side.basicPublish("", queue, null, text("transient" + i));
            }
            assertThat(side.waitForConfirms(10_000)).isTrue();
            for (int i = 0; i < 20; i++) {
                GetResponse r = side.basicGet(queue, true);
                assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("transient" + i);
            }
            assertThat(forcingThreads).allMatch(name -> name.startsWith("harness-broker-log-sync"));
            assertThat(confirms.total())
                    .as("the persistent publish is not confirmed before its force returns")
                    .isZero();

            release.countDown();
            assertThat(ch.waitForConfirms(10_000)).isTrue();
            assertThat(confirms.acks).containsExactly(1L);
        }
    }

    @Test
    void publishesDuringAHeldForce_shareTheNextForce_andAreConfirmedInPublishOrder() throws Exception {
        int messages = 200;
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            Confirms confirms = new Confirms();
            ch.addConfirmListener(confirms);
            ch.confirmSelect();
            ch.queueDeclare("orders", true, false, false, null);

            holdNextForce();
            ch.basicPublish("", "orders", PERSISTENT, text("m0"));
            awaitHeld();
            for (int i = 1; i < messages; i++) {
                ch.basicPublish("", "orders", PERSISTENT, text("m" + i));
            }
            // a round trip on the same connection: the broker has read every publish before it
            assertThat(c.createChannel().queueDeclarePassive("orders").getMessageCount())
                    .isEqualTo(messages);
            assertThat(confirms.total()).isZero();
            int forcesBefore = forces.get();

            holdForces.set(false);
            release.countDown();
            assertThat(ch.waitForConfirms(10_000)).isTrue();

            assertThat(confirms.nacks).isEmpty();
            assertThat(confirms.acks)
                    .as("confirms arrive in publish order, each exactly once")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, messages).boxed().toList());
            assertThat(forces.get() - forcesBefore)
                    .as("the %d publishes read during the held force share one more force", messages - 1)
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void forceFailingOnTheSyncThread_nacksEveryPendingConfirm_andMarksTheStoreFailed() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel first = c.createChannel();
            Channel second = c.createChannel();
            Confirms firstConfirms = new Confirms();
            Confirms secondConfirms = new Confirms();
            first.addConfirmListener(firstConfirms);
            second.addConfirmListener(secondConfirms);
            first.confirmSelect();
            second.confirmSelect();
            first.queueDeclare("orders", true, false, false, null);
            first.basicPublish("", "orders", PERSISTENT, text("kept"));
            first.waitForConfirmsOrDie(10_000);

            failForce.set(true);
            holdNextForce();
            first.basicPublish("", "orders", PERSISTENT, text("lost1"));
            awaitHeld();
            first.basicPublish("", "orders", PERSISTENT, text("lost2"));
            second.basicPublish("", "orders", PERSISTENT, text("lost3"));
            assertThat(c.createChannel().queueDeclarePassive("orders").getMessageCount())
                    .isEqualTo(4);

            release.countDown();
            assertThat(first.waitForConfirms(10_000)).isFalse();
            assertThat(second.waitForConfirms(10_000)).isFalse();
            assertThat(firstConfirms.acks).containsExactly(1L);
            assertThat(firstConfirms.nacks).containsExactly(2L, 3L);
            assertThat(secondConfirms.nacks).containsExactly(1L);
            assertThat(secondConfirms.acks).isEmpty();

            StoreStatus status = broker.storeStatus().orElseThrow();
            assertThat(status.failed()).isTrue();
            assertThat(status.failure())
                    .contains("'" + dir + "'")
                    .contains("Input/output error")
                    .contains("restart the broker");
        }
        try (HarnessBroker broker =
                HarnessBroker.builder().dataDirectory(dir).build().start()) {
            assertThat(broker.recoveryReport().orElseThrow().droppedBytes()).isZero();
            assertThat(broker.recoveryReport().orElseThrow().messages())
                    .as("only the confirmed message is recovered")
                    .isEqualTo(1);
        }
    }

    @Test
    void consumerAck_reachesTheDiskWithoutAnotherPublish() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare("orders", true, false, false, null);
            ch.basicPublish("", "orders", PERSISTENT, text("m"));
            ch.waitForConfirmsOrDie(10_000);
            int forcesBefore = forces.get();
            GetResponse r = ch.basicGet("orders", false);
            ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
            await().atMost(Duration.ofSeconds(10)).until(() -> forces.get() > forcesBefore);
        }
    }

    @Test
    void cleanClose_forcesWritesNobodyWaitedFor() throws Exception {
        try (HarnessBroker broker = start();
                Connection c = connect(broker)) {
            Channel ch = c.createChannel();
            ch.queueDeclare("orders", true, false, false, null);
            for (int i = 0; i < 100; i++) {
                ch.basicPublish("", "orders", PERSISTENT, text("unconfirmed" + i));
            }
            GetResponse r = ch.basicGet("orders", false);
            ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
            assertThat(ch.queueDeclarePassive("orders").getMessageCount()).isEqualTo(99);
        }
        try (HarnessBroker broker =
                HarnessBroker.builder().dataDirectory(dir).build().start()) {
            assertThat(broker.recoveryReport().orElseThrow().messages()).isEqualTo(99);
        }
    }
}
