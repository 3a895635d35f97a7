package dev.eventcontracts.broker.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.store.InMemoryMessageStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handshake timeout over an in-memory channel with a frozen clock: no sockets, no waiting. */
class HandshakeTimeoutTest {
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        VirtualHost vhost = new VirtualHost(
                "/",
                channel.eventLoop(),
                System::nanoTime,
                System::currentTimeMillis,
                new InMemoryMessageStore(),
                new Random(1));
        ConnectionSettings settings = ConnectionSettings.defaults(Map.of("guest", "guest"), 0);
        channel.pipeline()
                .addLast("frames", new FrameDecoder(settings.frameMax()))
                .addLast("handshake-timeout", new HandshakeTimeout(Duration.ofSeconds(10)))
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, new HashSet<>()));
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    @Test
    void silentSocket_isClosedWhenTheTimeoutPasses() {
        advance(9_900);
        assertThat(channel.isOpen()).as("open just before the timeout").isTrue();
        advance(200);
        assertThat(channel.isOpen()).as("closed after 10 s").isFalse();
    }

    @Test
    void halfAProtocolHeader_isClosedWhenTheTimeoutPasses() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'A', 'M', 'Q', 'P'}));
        advance(10_100);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void negotiationStoppedAfterStartOk_isClosedWhenTheTimeoutPasses() {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(ProtocolHeader.amqp091());
        FrameWriter.method(
                b,
                0,
                AmqpMethod.of(MethodSpec.CONNECTION_START_OK, Map.of(), "PLAIN", "\0guest\0guest".getBytes(), "en_US"));
        channel.writeInbound(b);
        advance(10_100);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void openedConnection_outlivesTheTimeout_andTheTimerIsGone() {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(ProtocolHeader.amqp091());
        FrameWriter.method(
                b,
                0,
                AmqpMethod.of(MethodSpec.CONNECTION_START_OK, Map.of(), "PLAIN", "\0guest\0guest".getBytes(), "en_US"));
        FrameWriter.method(b, 0, AmqpMethod.of(MethodSpec.CONNECTION_TUNE_OK, 2047, 131072, 0));
        FrameWriter.method(b, 0, AmqpMethod.of(MethodSpec.CONNECTION_OPEN, "/", "", false));
        channel.writeInbound(b);
        advance(60_000);
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.pipeline().get("handshake-timeout")).isNull();
    }
}
