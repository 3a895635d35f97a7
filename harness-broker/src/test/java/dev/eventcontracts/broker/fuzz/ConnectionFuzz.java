package dev.eventcontracts.broker.fuzz;

import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import dev.eventcontracts.broker.amqp.connection.AmqpConnectionHandler;
import dev.eventcontracts.broker.amqp.connection.ConnectionSettings;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.store.InMemoryMessageStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Mutation fuzzing of the codec and the connection state machine on in-memory channels: each case
 * is a fresh connection to one shared virtual host that gets a handshake (sometimes broken) and
 * random, mutated and split frames. A case fails when an exception escapes the pipeline, the
 * server writes a frame that is not well-formed, or it closes with 541 INTERNAL_ERROR (a bug, not
 * a client mistake). Used by {@code ConnectionFuzzTest} (bounded, in CI) and {@code FuzzBench}.
 */
public final class ConnectionFuzz {

    /** What a run found: cases run, connections the server closed, failures with their seed. */
    public record Result(int cases, int closedByServer, Map<Integer, Integer> closeCodes, List<String> failures) {}

    private final ConnectionSettings settings = ConnectionSettings.defaults(Map.of("guest", "guest"), 0);
    private final EmbeddedChannel host = new EmbeddedChannel();
    private final VirtualHost vhost = new VirtualHost(
            "/",
            host.eventLoop(),
            System::nanoTime,
            System::currentTimeMillis,
            new InMemoryMessageStore(),
            new Random(1));
    private final Set<AmqpConnectionHandler> open = new HashSet<>();

    /** Runs cases {@code first .. first+count-1}; case {@code i} is seeded with {@code seed + i}. */
    public Result run(long seed, int count, long budgetNanos) {
        long start = System.nanoTime();
        int closed = 0;
        Map<Integer, Integer> codes = new java.util.TreeMap<>();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (; cases < count && System.nanoTime() - start < budgetNanos; cases++) {
            long caseSeed = seed + cases;
            try {
                Integer code = runCase(new Random(caseSeed));
                if (code != null) {
                    closed++;
                    codes.merge(code, 1, Integer::sum);
                    if (code == 541) {
                        failures.add("seed " + caseSeed + ": closed with 541 INTERNAL_ERROR");
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add("seed " + caseSeed + ": " + e);
            }
        }
        return new Result(cases, closed, codes, failures);
    }

    /**
     * A well-behaved client after the fuzzing: handshake, {@code queue.declare} of a fresh server-named
     * queue; true when {@code queue.declare-ok} comes back.
     */
    public boolean servesAValidClient() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline()
                .addLast("frames", new FrameDecoder(settings.frameMax()))
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, open));
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(FuzzFrames.handshake());
        dev.eventcontracts.broker.amqp.codec.FrameWriter.method(
                in,
                1,
                dev.eventcontracts.broker.amqp.codec.AmqpMethod.of(
                        dev.eventcontracts.broker.amqp.codec.MethodSpec.QUEUE_DECLARE,
                        0,
                        "",
                        false,
                        false,
                        true,
                        true,
                        false,
                        Map.of()));
        channel.writeInbound(in);
        channel.runPendingTasks();
        host.runPendingTasks();
        boolean declared = false;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            while (out.isReadable()) {
                out.skipBytes(3);
                int size = out.readInt();
                ByteBuf payload = out.readSlice(size);
                out.skipBytes(1);
                declared |= size >= 4 && payload.getUnsignedShort(0) == 50 && payload.getUnsignedShort(2) == 11;
            }
            out.release();
        }
        channel.finishAndReleaseAll();
        return declared;
    }

    /** One connection; the reply code of the server's {@code connection.close}, or null. */
    private Integer runCase(Random random) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline()
                .addLast("frames", new FrameDecoder(settings.frameMax()))
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, open));
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        switch (random.nextInt(5)) {
            case 0 -> input.writeBytes(FuzzFrames.randomBytes(random, 1 + random.nextInt(64)));
            case 1 -> {
                input.writeBytes(ProtocolHeader.amqp091());
                input.writeBytes(FuzzFrames.randomBytes(random, 1 + random.nextInt(256)));
            }
            case 2 -> input.writeBytes(FuzzFrames.mutate(random, FuzzFrames.handshake()));
            default -> input.writeBytes(FuzzFrames.handshake());
        }
        for (int i = random.nextInt(8); i >= 0; i--) {
            input.writeBytes(FuzzFrames.mutate(random, FuzzFrames.anyValidFrame(random)));
        }
        byte[] bytes = input.toByteArray();
        Integer closeCode = null;
        for (int at = 0; at < bytes.length && channel.isOpen(); ) {
            int chunk = Math.min(bytes.length - at, 1 + random.nextInt(512)); // split anywhere
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, chunk));
            at += chunk;
            channel.runPendingTasks();
            host.runPendingTasks();
            Integer code = checkOutbound(channel);
            closeCode = code != null ? code : closeCode;
        }
        channel.checkException();
        channel.finishAndReleaseAll();
        host.runPendingTasks();
        return closeCode;
    }

    /** Parses every frame the server wrote; the reply code of a connection.close among them. */
    private static Integer checkOutbound(EmbeddedChannel channel) {
        Integer closeCode = null;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            try {
                while (out.isReadable()) {
                    if (out.getByte(out.readerIndex()) == 'A') {
                        out.skipBytes(8); // our protocol header after a bad one
                        continue;
                    }
                    int type = out.readUnsignedByte();
                    int ch = out.readUnsignedShort();
                    int size = out.readInt();
                    ByteBuf payload = out.readSlice(size);
                    if (out.readUnsignedByte() != 0xCE) {
                        throw new AssertionError("server frame without frame-end (type " + type + ")");
                    }
                    if (type == 1
                            && ch == 0
                            && payload.getUnsignedShort(0) == 10
                            && payload.getUnsignedShort(2) == 50) {
                        closeCode = payload.getUnsignedShort(4);
                    }
                }
            } finally {
                out.release();
            }
        }
        return closeCode;
    }
}
