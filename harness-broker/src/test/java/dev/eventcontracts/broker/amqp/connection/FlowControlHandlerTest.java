package dev.eventcontracts.broker.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.store.InMemoryMessageStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memory-alarm flow control of one connection over an in-memory channel: when {@code
 * connection.blocked} is sent, which frames are held, and the heartbeat exemption. The watermark
 * is moved by hand, so every step is deterministic.
 */
class FlowControlHandlerTest {
    private EmbeddedChannel channel;
    private VirtualHost vhost;

    /** One frame the server wrote: type, channel and the decoded method (null for content). */
    private record Out(int type, int channel, AmqpMethod method) {
        String name() {
            return type == 1 ? method.spec().amqpName() : "frame-type-" + type;
        }
    }

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        vhost = new VirtualHost(
                "/",
                channel.eventLoop(),
                System::nanoTime,
                System::currentTimeMillis,
                new InMemoryMessageStore(),
                new Random(1));
        ConnectionSettings settings = ConnectionSettings.defaults(Map.of("guest", "guest"), 60);
        channel.pipeline()
                .addLast("frames", new FrameDecoder(settings.frameMax()))
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, new HashSet<>()));
    }

    private void send(int ch, AmqpMethod m) {
        ByteBuf b = Unpooled.buffer();
        FrameWriter.method(b, ch, m);
        channel.writeInbound(b);
    }

    private void publish(String queue, String body) {
        ByteBuf b = Unpooled.buffer();
        FrameWriter.method(b, 1, AmqpMethod.of(MethodSpec.BASIC_PUBLISH, 0, "", queue, false, false));
        FrameWriter.content(b, 1, BasicProperties.EMPTY, null, body.getBytes(StandardCharsets.UTF_8), 131072);
        channel.writeInbound(b);
    }

    private List<Out> received() {
        channel.runPendingTasks();
        List<Out> frames = new ArrayList<>();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            while (b.isReadable()) {
                int type = b.readUnsignedByte();
                int ch = b.readUnsignedShort();
                int size = b.readInt();
                ByteBuf payload = b.readSlice(size);
                frames.add(new Out(type, ch, type == 1 ? AmqpMethod.decode(payload) : null));
                b.readByte();
            }
            b.release();
        }
        return frames;
    }

    private List<String> names() {
        return received().stream().map(Out::name).toList();
    }

    /** Opens connection and channel 1, announcing {@code connection.blocked} when asked to, and declares q. */
    private void open(boolean announceBlockedCapability) {
        channel.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        assertThat(received()).extracting(Out::name).containsExactly("connection.start");
        Map<String, Object> caps = announceBlockedCapability ? Map.of("connection.blocked", true) : Map.of();
        send(
                0,
                AmqpMethod.of(
                        MethodSpec.CONNECTION_START_OK,
                        Map.of("capabilities", caps),
                        "PLAIN",
                        "\0guest\0guest".getBytes(StandardCharsets.UTF_8),
                        "en_US"));
        assertThat(names()).containsExactly("connection.tune");
        send(0, AmqpMethod.of(MethodSpec.CONNECTION_TUNE_OK, 2047, 131072, 60));
        send(0, AmqpMethod.of(MethodSpec.CONNECTION_OPEN, "/", "", false));
        assertThat(names()).containsExactly("connection.open-ok");
        send(1, AmqpMethod.of(MethodSpec.CHANNEL_OPEN, ""));
        send(1, AmqpMethod.of(MethodSpec.QUEUE_DECLARE, 0, "q", false, false, false, false, false, Map.of()));
        assertThat(names()).containsExactly("channel.open-ok", "queue.declare-ok");
    }

    private String connectionState() {
        return vhost.admin().connections().get(0).state().wireName();
    }

    @Test
    void startAdvertisesConnectionBlockedCapability() {
        channel.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        List<Out> out = received();
        @SuppressWarnings("unchecked")
        Map<String, Object> caps =
                (Map<String, Object>) out.get(0).method().table(2).get("capabilities");
        assertThat(caps).containsEntry("connection.blocked", true);
    }

    @Test
    void alarm_makesConnectionBlocking_andItsNextPublishBlocksIt_withReason() {
        open(true);
        vhost.memory().highWatermark(1);
        publish("q", "first"); // crosses the watermark; the alarm is announced after this task
        assertThat(names()).isEmpty();
        assertThat(vhost.memory().isOn()).isTrue();
        assertThat(connectionState()).isEqualTo("blocking");
        assertThat(channel.config().isAutoRead()).isTrue();

        publish("q", "second");
        List<Out> out = received();
        assertThat(out).extracting(Out::name).containsExactly("connection.blocked");
        assertThat(out.get(0).method().string(0)).isEqualTo("low on memory");
        assertThat(connectionState()).isEqualTo("blocked");
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(vhost.admin().queue("q").orElseThrow().messagesReady()).isEqualTo(2);
    }

    @Test
    void framesDecodedWhileBlocked_areHeldUntilTheAlarmClears_thenProcessedInOrder() {
        open(true);
        vhost.memory().highWatermark(1);
        publish("q", "first");
        received();
        publish("q", "second");
        assertThat(names()).containsExactly("connection.blocked");

        publish("q", "third");
        send(1, AmqpMethod.of(MethodSpec.BASIC_GET, 0, "q", true));
        assertThat(names()).isEmpty();
        assertThat(vhost.admin().queue("q").orElseThrow().messagesReady()).isEqualTo(2);

        vhost.memory().highWatermark(0);
        List<Out> out = received();
        assertThat(out)
                .extracting(Out::name)
                .containsExactly("connection.unblocked", "basic.get-ok", "frame-type-2", "frame-type-3");
        assertThat(out.get(1).method().integer(4)).as("message count after get").isEqualTo(2);
        assertThat(connectionState()).isEqualTo("running");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void clientWithoutTheCapability_isBlockedSilently_andNotToldOfUnblock() {
        open(false);
        vhost.memory().highWatermark(1);
        publish("q", "first");
        received();
        publish("q", "second");
        assertThat(names()).isEmpty();
        assertThat(connectionState()).isEqualTo("blocked");
        assertThat(channel.config().isAutoRead()).isFalse();

        vhost.memory().highWatermark(0);
        assertThat(names()).isEmpty();
        assertThat(connectionState()).isEqualTo("running");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void consumeOnlyConnection_staysReadable_whileTheAlarmIsOn() {
        open(true);
        publish("q", "held");
        received();
        vhost.memory().highWatermark(1);
        channel.runPendingTasks();
        assertThat(connectionState()).isEqualTo("blocking");

        send(1, AmqpMethod.of(MethodSpec.BASIC_GET, 0, "q", false));
        assertThat(names()).containsExactly("basic.get-ok", "frame-type-2", "frame-type-3");
        send(1, AmqpMethod.of(MethodSpec.BASIC_ACK, 1L, false));
        received();
        assertThat(vhost.memory().used()).isZero();
        assertThat(vhost.memory().isOn()).isFalse();
        assertThat(connectionState()).isEqualTo("running");
    }

    @Test
    void missedHeartbeats_doNotCloseABlockedConnection() {
        open(true);
        vhost.memory().highWatermark(1);
        publish("q", "first");
        received();
        publish("q", "second");
        assertThat(names()).containsExactly("connection.blocked");

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();
        assertThat(channel.isOpen())
                .as("blocked: the broker itself stopped reading")
                .isTrue();
    }

    @Test
    void missedHeartbeats_closeARunningConnection() {
        open(true);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void connectionOpenedDuringTheAlarm_startsBlocking() {
        vhost.memory().highWatermark(1);
        open(true);
        publish("q", "first");
        received();
        assertThat(connectionState()).isEqualTo("blocking");
        publish("q", "second");
        assertThat(names()).containsExactly("connection.blocked");
    }

    @Test
    void memoryCountsBodyAndHeader_ofReadyAndUnackedMessages_untilSettled() {
        open(true);
        publish("q", "12345");
        received();
        long one = 5 + 2; // body + property flags of empty properties
        assertThat(vhost.memory().used()).isEqualTo(one);
        send(1, AmqpMethod.of(MethodSpec.BASIC_GET, 0, "q", false));
        received();
        assertThat(vhost.memory().used()).as("unacked still held").isEqualTo(one);
        send(1, AmqpMethod.of(MethodSpec.BASIC_NACK, 1L, false, true));
        received();
        assertThat(vhost.memory().used()).as("requeued").isEqualTo(one);
        send(1, AmqpMethod.of(MethodSpec.QUEUE_PURGE, 0, "q", false));
        received();
        assertThat(vhost.memory().used()).as("purged").isZero();
    }
}
