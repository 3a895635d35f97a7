package dev.eventcontracts.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {

    private static Map<String, Object> everyValueType() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("bool", true);
        t.put("byte", (byte) -5);
        t.put("ubyte", new TypedValue('B', 200));
        t.put("short", (short) -300);
        t.put("ushort", new TypedValue('u', 60000));
        t.put("int", 123456);
        t.put("uint", new TypedValue('i', 4_000_000_000L));
        t.put("long", 1L << 40);
        t.put("speclong", new TypedValue('L', -7L));
        t.put("float", 1.5f);
        t.put("double", 2.25d);
        t.put("decimal", new BigDecimal("12.345"));
        t.put("timestamp", new Date(1_700_000_000_000L));
        t.put("table", Map.of("nested", LongString.of("yes")));
        t.put("array", List.of(LongString.of("a"), 1, List.of(true)));
        t.put("void", null);
        t.put("bytes", new byte[] {1, 2, 3});
        t.put("string", LongString.wrap(new byte[] {(byte) 0xff, 0, 'x'}));
        return t;
    }

    @Test
    void fieldTable_withEveryValueType_roundTrips() {
        ByteBuf buf = Unpooled.buffer();
        Map<String, Object> original = everyValueType();
        FieldTables.writeTable(buf, original);
        Map<String, Object> decoded = FieldTables.readTable(buf);
        assertThat(buf.isReadable()).isFalse();
        assertThat(decoded.keySet()).containsExactlyElementsOf(original.keySet());
        for (String key : original.keySet()) {
            if (key.equals("bytes")) {
                assertThat((byte[]) decoded.get(key)).containsExactly(1, 2, 3);
            } else {
                assertThat(decoded.get(key)).as(key).isEqualTo(original.get(key));
            }
        }
        ByteBuf again = Unpooled.buffer();
        FieldTables.writeTable(again, decoded);
        buf.readerIndex(0);
        assertThat(ByteBufAssert.bytes(again)).isEqualTo(ByteBufAssert.bytes(buf));
    }

    @Test
    void fieldTable_withUnknownTypeOrOverrun_isSyntaxError502() {
        ByteBuf unknown = Unpooled.buffer();
        unknown.writeInt(6)
                .writeByte(3)
                .writeBytes("key".getBytes())
                .writeByte('Q')
                .writeByte(0);
        assertThatThrownBy(() -> FieldTables.readTable(unknown))
                .isInstanceOf(AmqpProtocolException.class)
                .hasMessageContaining("unknown field value type 'Q'")
                .extracting(e -> ((AmqpProtocolException) e).replyCode())
                .isEqualTo(502);
        ByteBuf overrun = Unpooled.buffer().writeInt(100).writeByte(1);
        assertThatThrownBy(() -> FieldTables.readTable(overrun))
                .isInstanceOf(AmqpProtocolException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void everyKnownMethod_roundTrips() {
        List<AmqpMethod> methods = new ArrayList<>();
        methods.add(AmqpMethod.of(
                MethodSpec.CONNECTION_START, 0, 9, everyValueType(), "PLAIN".getBytes(), "en_US".getBytes()));
        methods.add(AmqpMethod.of(MethodSpec.CONNECTION_TUNE, 2047, 131072, 60));
        methods.add(AmqpMethod.of(MethodSpec.CONNECTION_CLOSE, 320, "CONNECTION_FORCED - bye", 0, 0));
        methods.add(AmqpMethod.of(
                MethodSpec.EXCHANGE_DECLARE, 0, "x", "topic", false, true, false, true, false, Map.of("k", 1)));
        methods.add(AmqpMethod.of(MethodSpec.QUEUE_DECLARE, 0, "q", true, false, true, false, true, Map.of()));
        methods.add(AmqpMethod.of(MethodSpec.QUEUE_DECLARE_OK, "q", 3, 1));
        methods.add(AmqpMethod.of(MethodSpec.BASIC_CONSUME, 0, "q", "tag", false, true, false, true, Map.of()));
        methods.add(AmqpMethod.of(MethodSpec.BASIC_DELIVER, "tag", Long.MAX_VALUE, true, "ex", "rk"));
        methods.add(AmqpMethod.of(MethodSpec.BASIC_NACK, 42L, true, false));
        methods.add(AmqpMethod.of(MethodSpec.BASIC_QOS, 0, 200, true));
        for (AmqpMethod m : methods) {
            ByteBuf buf = Unpooled.buffer();
            m.encode(buf);
            AmqpMethod decoded = AmqpMethod.decode(buf);
            assertThat(buf.isReadable()).as(m.spec().amqpName()).isFalse();
            assertThat(decoded.spec()).isEqualTo(m.spec());
            for (int i = 0; i < m.args().size(); i++) {
                Object expected = m.args().get(i);
                if (expected instanceof byte[] b) {
                    assertThat(decoded.bytes(i)).isEqualTo(b);
                } else if (!(expected instanceof Map)) {
                    assertThat(decoded.args().get(i))
                            .as("%s arg %d", m.spec().amqpName(), i)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void unknownMethod_isNotImplemented540() {
        ByteBuf buf = Unpooled.buffer().writeShort(60).writeShort(999);
        assertThatThrownBy(() -> AmqpMethod.decode(buf))
                .isInstanceOf(AmqpProtocolException.class)
                .extracting(e -> ((AmqpProtocolException) e).replyCode())
                .isEqualTo(540);
    }

    @Test
    void contentHeader_withAllPropertiesRoundTrips() {
        BasicProperties p = new BasicProperties(
                "application/json",
                "gzip",
                Map.of("h", LongString.of("v")),
                2,
                5,
                "corr",
                "reply",
                "60000",
                "id-1",
                new Date(1_700_000_000_000L),
                "OrderPlaced",
                "guest",
                "orders",
                "cluster");
        ByteBuf buf = Unpooled.buffer();
        buf.writeShort(60).writeShort(0).writeLong(10);
        ContentHeader.encodeProperties(buf, p);
        ContentHeader h = ContentHeader.decode(buf);
        assertThat(h.classId()).isEqualTo(60);
        assertThat(h.bodySize()).isEqualTo(10);
        assertThat(h.properties()).isEqualTo(p);
    }

    @Test
    void frameDecoder_reassemblesFramesSplitAcrossReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(131072));
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(ProtocolHeader.amqp091());
        FrameWriter.method(all, 0, AmqpMethod.of(MethodSpec.CONNECTION_TUNE_OK, 2047, 131072, 0));
        FrameWriter.heartbeat(all);
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        }
        assertThat((Object) ch.readInbound()).isEqualTo(new InboundFrame.Header(true));
        InboundFrame.Method m = ch.readInbound();
        assertThat(m.method().spec().amqpName()).isEqualTo("connection.tune-ok");
        assertThat((Object) ch.readInbound()).isEqualTo(new InboundFrame.Heartbeat(0));
    }

    @Test
    void frameDecoder_badFrameEndAndOversizedFrame_are501() {
        EmbeddedChannel bad = new EmbeddedChannel(new FrameDecoder(131072));
        bad.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        bad.readInbound();
        ByteBuf frame = Unpooled.buffer().writeByte(8).writeShort(0).writeInt(0).writeByte(0);
        assertThatThrownBy(() -> bad.writeInbound(frame))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseMessage("FRAME_ERROR - invalid frame end marker on channel 0 (frame type 8)");

        EmbeddedChannel big = new EmbeddedChannel(new FrameDecoder(4096));
        big.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        big.readInbound();
        ByteBuf oversized = Unpooled.buffer().writeByte(3).writeShort(1).writeInt(5000);
        assertThatThrownBy(() -> big.writeInbound(oversized))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseMessage("FRAME_ERROR - frame size 5008 exceeds the negotiated frame_max 4096");
    }

    @Test
    void frameWriter_splitsBodiesAtFrameMax() {
        ByteBuf out = Unpooled.buffer();
        FrameWriter.content(out, 1, BasicProperties.EMPTY, null, new byte[10_000], 4096);
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
        ch.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()));
        ch.readInbound();
        ch.writeInbound(out);
        InboundFrame.ContentHeaderFrame header = ch.readInbound();
        assertThat(header.header().bodySize()).isEqualTo(10_000);
        int total = 0;
        int frames = 0;
        InboundFrame.Body body;
        while ((body = ch.readInbound()) != null) {
            assertThat(body.bytes().length).isLessThanOrEqualTo(4096 - 8);
            total += body.bytes().length;
            frames++;
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(frames).isEqualTo(3);
    }

    /** Byte helpers. */
    static final class ByteBufAssert {
        static byte[] bytes(ByteBuf b) {
            byte[] out = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), out);
            return out;
        }
    }
}
