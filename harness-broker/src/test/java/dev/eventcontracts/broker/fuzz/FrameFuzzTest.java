package dev.eventcontracts.broker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws random and mutated frames at a live harness broker for a bounded time, then proves that
 * a fresh client still works. The seed is in the assertion message, so failures can be replayed.
 */
class FrameFuzzTest {
    private static final long BUDGET_NANOS = 3_000_000_000L;

    @Test
    void randomAndMutatedFrames_leaveTheBrokerServingNewClients() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int sessions = 0;
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            long deadline = System.nanoTime() + BUDGET_NANOS;
            while (System.nanoTime() < deadline) {
                abuse(broker.port(), random);
                sessions++;
            }
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.amqpUri());
            f.setAutomaticRecoveryEnabled(false);
            try (Connection c = f.newConnection()) {
                Channel ch = c.createChannel();
                String q = ch.queueDeclare().getQueue();
                ch.basicPublish("", q, null, "still alive".getBytes(StandardCharsets.UTF_8));
                assertThat(ch.basicGet(q, true))
                        .as("broker works after %d fuzz sessions (seed %d)", sessions, seed)
                        .isNotNull();
            }
        }
        assertThat(sessions).as("fuzz sessions run (seed %d)", seed).isPositive();
    }

    private static void abuse(int port, Random random) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(20);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            try {
                switch (random.nextInt(4)) {
                    case 0 -> out.write(randomBytes(random, 1 + random.nextInt(64)));
                    case 1 -> {
                        out.write(ProtocolHeader.amqp091());
                        out.write(randomBytes(random, 1 + random.nextInt(256)));
                    }
                    default -> {
                        out.write(handshake());
                        for (int i = random.nextInt(6); i >= 0; i--) {
                            out.write(mutate(
                                    random,
                                    validFrames()
                                            .get(random.nextInt(validFrames().size()))));
                        }
                    }
                }
                out.flush();
                drain(in);
            } catch (IOException e) {
                // the broker closed the connection: expected for garbage
            }
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) > 0) {
                // discard the broker's replies
            }
        } catch (IOException e) {
            // timeout or reset: done with this session
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(Random random, byte[] frame) {
        byte[] copy = frame.clone();
        switch (random.nextInt(4)) {
            case 0 -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                return java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
            }
            default -> {
                // leave it valid
            }
        }
        return copy;
    }

    private static byte[] handshake() {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(ProtocolHeader.amqp091());
        FrameWriter.method(b, 0, AmqpMethod.of(10, 11, Map.of(), "PLAIN", "\0guest\0guest".getBytes(), "en_US"));
        FrameWriter.method(b, 0, AmqpMethod.of(10, 31, 2047, 131072, 0));
        FrameWriter.method(b, 0, AmqpMethod.of(10, 40, "/", "", false));
        FrameWriter.method(b, 1, AmqpMethod.of(20, 10, ""));
        return bytes(b);
    }

    private static List<byte[]> validFrames() {
        List<byte[]> frames = new ArrayList<>();
        Map<String, Object> args = Map.of("x-message-ttl", 10, "x-dead-letter-exchange", LongString.of("amq.fanout"));
        frames.add(method(AmqpMethod.of(50, 10, 0, "fuzz-q", false, false, false, true, false, args)));
        frames.add(method(AmqpMethod.of(40, 10, 0, "fuzz-x", "topic", false, false, true, false, false, Map.of())));
        frames.add(method(AmqpMethod.of(50, 20, 0, "fuzz-q", "fuzz-x", "#", false, Map.of())));
        frames.add(method(AmqpMethod.of(60, 20, 0, "fuzz-q", "", false, false, false, false, Map.of())));
        frames.add(method(AmqpMethod.of(60, 80, 1L, true)));
        frames.add(method(AmqpMethod.of(60, 120, 0L, true, true)));
        frames.add(method(AmqpMethod.of(85, 10, false)));
        ByteBuf publish = Unpooled.buffer();
        FrameWriter.method(publish, 1, AmqpMethod.of(60, 40, 0, "fuzz-x", "a.b", true, false));
        BasicProperties props = BasicProperties.EMPTY
                .withHeaders(Map.of("CC", List.of(LongString.of("c"))))
                .withExpiration("5");
        FrameWriter.content(publish, 1, props, null, new byte[300], 131072);
        frames.add(bytes(publish));
        return frames;
    }

    private static byte[] method(AmqpMethod m) {
        ByteBuf b = Unpooled.buffer();
        FrameWriter.method(b, 1, m);
        return bytes(b);
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}
