package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.HarnessBroker;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the conformance suite: each test runs against a harness broker on a free port and
 * against the RabbitMQ oracle (skipped only when RabbitMQ is unreachable). Connections opened
 * through {@link #open} are closed after each test; names from {@link #name} are unique.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConformanceBase {
    private HarnessBroker broker;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private Target oracle;

    @BeforeAll
    void startHarness() {
        broker = HarnessBroker.builder().build().start();
        URI uri = URI.create(System.getProperty("eventcontracts.oracle.uri", "amqp://guest:guest@127.0.0.1:5672"));
        oracle = new Target("rabbitmq", uri, true);
    }

    @AfterAll
    void stopHarness() {
        broker.close();
    }

    /** The two targets; the argument source of every conformance test. */
    Stream<Target> targets() {
        return Stream.of(new Target("harness", broker.amqpUri(), false), oracle);
    }

    /** The harness broker of this class. */
    protected HarnessBroker harness() {
        return broker;
    }

    /** Opens a connection, skipping the test when the target is the unreachable oracle. */
    protected Connection open(Target target) throws Exception {
        if (target.oracle()) {
            Assumptions.assumeTrue(reachable(target.uri()), "RabbitMQ oracle not reachable at " + target.uri());
        }
        Connection c = target.connect();
        connections.add(c);
        return c;
    }

    /** A channel on a fresh connection. */
    protected Channel channel(Target target) throws Exception {
        return open(target).createChannel();
    }

    /** Runs after the test (in reverse order), e.g. deleting a durable quorum queue on RabbitMQ. */
    protected void cleanup(Runnable r) {
        cleanups.add(0, r);
    }

    /** Deletes a queue on a fresh connection after the test. */
    protected void deleteAfter(Target target, String queue) {
        cleanup(() -> {
            try (Connection c = target.connect()) {
                c.createChannel().queueDelete(queue);
            } catch (Exception e) {
                throw new IllegalStateException("cleanup of queue '" + queue + "' failed", e);
            }
        });
    }

    /** Deletes an exchange on a fresh connection after the test. */
    protected void deleteExchangeAfter(Target target, String exchange) {
        cleanup(() -> {
            try (Connection c = target.connect()) {
                c.createChannel().exchangeDelete(exchange);
            } catch (Exception e) {
                throw new IllegalStateException("cleanup of exchange '" + exchange + "' failed", e);
            }
        });
    }

    @AfterEach
    void closeConnections() {
        for (Connection c : connections) {
            if (c.isOpen()) {
                try {
                    c.close(2000);
                } catch (Exception ignored) {
                    // the connection went away on its own
                }
            }
        }
        connections.clear();
        for (Runnable r : cleanups) {
            r.run();
        }
        cleanups.clear();
    }

    /** A unique name {@code ec-<prefix>-<random>}. */
    protected static String name(String prefix) {
        return "ec-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static boolean reachable(URI uri) {
        try (Socket s = new Socket(uri.getHost(), uri.getPort() < 0 ? 5672 : uri.getPort())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** An action on a channel that is expected to fail. */
    @FunctionalInterface
    protected interface ChannelAction {
        void run() throws Exception;
    }

    /** Asserts that {@code action} closes the channel with this code, class/method id and text. */
    protected static AMQP.Channel.Close expectChannelClose(
            ChannelAction action, int code, int classId, int methodId, String text) {
        ShutdownSignalException s = shutdownOf(action);
        assertThat(s.getReason()).isInstanceOf(AMQP.Channel.Close.class);
        AMQP.Channel.Close close = (AMQP.Channel.Close) s.getReason();
        assertThat(close.getReplyCode()).as("reply code").isEqualTo(code);
        assertThat(close.getClassId()).as("class id").isEqualTo(classId);
        assertThat(close.getMethodId()).as("method id").isEqualTo(methodId);
        if (text != null) {
            assertThat(close.getReplyText()).isEqualTo(text);
        }
        return close;
    }

    /** Asserts that {@code action} closes the connection with this code and class/method id. */
    protected static AMQP.Connection.Close expectConnectionClose(
            ChannelAction action, int code, int classId, int methodId, String text) {
        ShutdownSignalException s = shutdownOf(action);
        assertThat(s.getReason()).isInstanceOf(AMQP.Connection.Close.class);
        AMQP.Connection.Close close = (AMQP.Connection.Close) s.getReason();
        assertThat(close.getReplyCode()).as("reply code").isEqualTo(code);
        assertThat(close.getClassId()).as("class id").isEqualTo(classId);
        assertThat(close.getMethodId()).as("method id").isEqualTo(methodId);
        if (text != null) {
            assertThat(close.getReplyText()).isEqualTo(text);
        }
        return close;
    }

    private static ShutdownSignalException shutdownOf(ChannelAction action) {
        try {
            action.run();
        } catch (Exception e) {
            Throwable t = e;
            while (t != null) {
                if (t instanceof ShutdownSignalException s) {
                    return s;
                }
                t = t.getCause();
            }
            fail("expected a channel or connection close, got " + e, e);
        }
        fail("expected a channel or connection close, but the action succeeded");
        return null;
    }
}
