package dev.eventcontracts.broker.fuzz;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Inputs for the AMQP fuzzers: a valid handshake, valid frames of the common methods, and mutations. */
final class FuzzFrames {
    private static final List<byte[]> VALID = validFrames();

    private FuzzFrames() {}

    /** One of the valid frames, chosen by {@code random}. */
    static byte[] anyValidFrame(Random random) {
        return VALID.get(random.nextInt(VALID.size()));
    }

    static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] mutate(Random random, byte[] frame) {
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

    static byte[] handshake() {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(ProtocolHeader.amqp091());
        FrameWriter.method(
                b,
                0,
                AmqpMethod.of(MethodSpec.CONNECTION_START_OK, Map.of(), "PLAIN", "\0guest\0guest".getBytes(), "en_US"));
        FrameWriter.method(b, 0, AmqpMethod.of(MethodSpec.CONNECTION_TUNE_OK, 2047, 131072, 0));
        FrameWriter.method(b, 0, AmqpMethod.of(MethodSpec.CONNECTION_OPEN, "/", "", false));
        FrameWriter.method(b, 1, AmqpMethod.of(MethodSpec.CHANNEL_OPEN, ""));
        return bytes(b);
    }

    static List<byte[]> validFrames() {
        List<byte[]> frames = new ArrayList<>();
        Map<String, Object> args = Map.of("x-message-ttl", 10, "x-dead-letter-exchange", LongString.of("amq.fanout"));
        frames.add(
                method(AmqpMethod.of(MethodSpec.QUEUE_DECLARE, 0, "fuzz-q", false, false, false, true, false, args)));
        frames.add(method(AmqpMethod.of(
                MethodSpec.EXCHANGE_DECLARE, 0, "fuzz-x", "topic", false, false, true, false, false, Map.of())));
        frames.add(method(AmqpMethod.of(MethodSpec.QUEUE_BIND, 0, "fuzz-q", "fuzz-x", "#", false, Map.of())));
        frames.add(
                method(AmqpMethod.of(MethodSpec.BASIC_CONSUME, 0, "fuzz-q", "", false, false, false, false, Map.of())));
        frames.add(method(AmqpMethod.of(MethodSpec.BASIC_ACK, 1L, true)));
        frames.add(method(AmqpMethod.of(MethodSpec.BASIC_NACK, 0L, true, true)));
        frames.add(method(AmqpMethod.of(MethodSpec.CONFIRM_SELECT, false)));
        ByteBuf publish = Unpooled.buffer();
        FrameWriter.method(publish, 1, AmqpMethod.of(MethodSpec.BASIC_PUBLISH, 0, "fuzz-x", "a.b", true, false));
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
