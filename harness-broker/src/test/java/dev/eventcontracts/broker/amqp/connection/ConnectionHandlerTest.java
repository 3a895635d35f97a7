package dev.eventcontracts.broker.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.ContentHeader;
import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.store.InMemoryMessageStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection handler over an in-memory channel: no sockets, no threads. */
class ConnectionHandlerTest {
    private EmbeddedChannel channel;

    /** One frame the server wrote. */
    private record Out(int type, int channel, ByteBuf payload) {
        AmqpMethod method() {
            return AmqpMethod.decode(payload.duplicate());
        }

        String name() {
            return type == 1 ? method().spec().amqpName() : "frame-type-" + type;
        }
    }

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
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
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, new HashSet<>()));
    }

    private void send(int ch, AmqpMethod m) {
        ByteBuf b = Unpooled.buffer();
        FrameWriter.method(b, ch, m);
        channel.writeInbound(b);
    }

    private List<Out> received() {
        channel.runPendingTasks();
        List<Out> frames = new ArrayList<>();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            while (b.isReadable()) {
                if (b.getByte(b.readerIndex()) == 'A') {
                    frames.add(new Out('A', 0, b.readSlice(8)));
                    continue;
                }
                int type = b.readUnsignedByte();
                int ch = b.readUnsignedShort();
                int size = b.readInt();
                frames.add(new Out(type, ch, b.readSlice(size)));
                b.readByte();
            }
        }
        return frames;
    }

    private void handshake() {
        channel.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        assertThat(received()).extracting(Out::name).containsExactly("connection.start");
        send(
                0,
                AmqpMethod.of(
                        MethodSpec.CONNECTION_START_OK,
                        Map.of(),
                        "PLAIN",
                        "\0guest\0guest".getBytes(StandardCharsets.UTF_8),
                        "en_US"));
        assertThat(received()).extracting(Out::name).containsExactly("connection.tune");
        send(0, AmqpMethod.of(MethodSpec.CONNECTION_TUNE_OK, 2047, 131072, 0));
        send(0, AmqpMethod.of(MethodSpec.CONNECTION_OPEN, "/", "", false));
        assertThat(received()).extracting(Out::name).containsExactly("connection.open-ok");
        send(1, AmqpMethod.of(MethodSpec.CHANNEL_OPEN, ""));
        assertThat(received()).extracting(Out::name).containsExactly("channel.open-ok");
    }

    @Test
    void handshake_thenPublishAndGet_overAnInMemoryChannel() {
        handshake();
        send(1, AmqpMethod.of(MethodSpec.QUEUE_DECLARE, 0, "q", false, false, false, false, false, Map.of()));
        assertThat(received()).extracting(Out::name).containsExactly("queue.declare-ok");
        send(1, AmqpMethod.of(MethodSpec.BASIC_PUBLISH, 0, "", "q", false, false));
        ByteBuf content = Unpooled.buffer();
        FrameWriter.content(content, 1, BasicProperties.EMPTY, null, "hi".getBytes(StandardCharsets.UTF_8), 131072);
        channel.writeInbound(content);
        send(1, AmqpMethod.of(MethodSpec.BASIC_GET, 0, "q", true));
        List<Out> out = received();
        assertThat(out).extracting(Out::name).containsExactly("basic.get-ok", "frame-type-2", "frame-type-3");
        assertThat(out.get(0).method().string(3)).isEqualTo("q");
        assertThat(ContentHeader.decode(out.get(1).payload()).bodySize()).isEqualTo(2);
        assertThat(out.get(2).payload().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void wrongProtocolHeader_isAnsweredWithOursAndTheChannelCloses() {
        channel.writeInbound(Unpooled.wrappedBuffer("HTTP/1.1".getBytes(StandardCharsets.US_ASCII)));
        List<Out> out = received();
        assertThat(out).hasSize(1);
        byte[] header = new byte[8];
        out.get(0).payload().readBytes(header);
        assertThat(ProtocolHeader.isAmqp091(header)).isTrue();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void softError_closesOnlyTheChannel_withClassAndMethodIds() {
        handshake();
        send(1, AmqpMethod.of(MethodSpec.QUEUE_DECLARE, 0, "missing", true, false, false, false, false, Map.of()));
        List<Out> out = received();
        assertThat(out).extracting(Out::name).containsExactly("channel.close");
        AmqpMethod close = out.get(0).method();
        assertThat(close.integer(0)).isEqualTo(404);
        assertThat(close.string(1)).isEqualTo("NOT_FOUND - no queue 'missing' in vhost '/'");
        assertThat(close.integer(2)).isEqualTo(50);
        assertThat(close.integer(3)).isEqualTo(10);
        send(1, AmqpMethod.of(MethodSpec.CHANNEL_CLOSE_OK));
        send(1, AmqpMethod.of(MethodSpec.CHANNEL_OPEN, ""));
        assertThat(received()).extracting(Out::name).containsExactly("channel.open-ok");
    }

    @Test
    void hardError_sendsConnectionClose_andClosesOnCloseOk() {
        handshake();
        send(1, AmqpMethod.of(MethodSpec.BASIC_RECOVER, false));
        List<Out> out = received();
        assertThat(out).extracting(Out::name).containsExactly("connection.close");
        assertThat(out.get(0).method().integer(0)).isEqualTo(540);
        assertThat(channel.isOpen()).isTrue();
        send(0, AmqpMethod.of(MethodSpec.CONNECTION_CLOSE_OK));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void wrongPassword_withAuthenticationFailureClose_isRefusedWith403() {
        channel.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        received();
        Map<String, Object> props = Map.of("capabilities", Map.of("authentication_failure_close", true));
        send(
                0,
                AmqpMethod.of(
                        MethodSpec.CONNECTION_START_OK,
                        props,
                        "PLAIN",
                        "\0guest\0nope".getBytes(StandardCharsets.UTF_8),
                        "en_US"));
        List<Out> out = received();
        assertThat(out).extracting(Out::name).containsExactly("connection.close");
        assertThat(out.get(0).method().integer(0)).isEqualTo(403);
    }

    @Test
    void wrongPassword_withoutAuthenticationFailureClose_closesTheSocketWithoutAFrame() {
        channel.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        received();
        send(
                0,
                AmqpMethod.of(
                        MethodSpec.CONNECTION_START_OK,
                        Map.of(),
                        "PLAIN",
                        "\0guest\0nope".getBytes(StandardCharsets.UTF_8),
                        "en_US"));
        assertThat(received()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void clientConnectionClose_isAnsweredWithCloseOk() {
        handshake();
        send(0, AmqpMethod.of(MethodSpec.CONNECTION_CLOSE, 200, "bye", 0, 0));
        assertThat(received()).extracting(Out::name).containsExactly("connection.close-ok");
        assertThat(channel.isOpen()).isFalse();
    }
}
