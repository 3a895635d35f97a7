package dev.eventcontracts.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/** Writes outbound frames into a buffer. */
public final class FrameWriter {
    private FrameWriter() {}

    /** Writes one method frame. */
    public static void method(ByteBuf out, int channel, AmqpMethod method) {
        int start = begin(out, FrameDecoder.METHOD, channel);
        method.encode(out);
        end(out, start);
    }

    /** Writes a heartbeat frame. */
    public static void heartbeat(ByteBuf out) {
        out.writeByte(FrameDecoder.HEARTBEAT);
        out.writeShort(0);
        out.writeInt(0);
        out.writeByte(FrameDecoder.FRAME_END);
    }

    /**
     * Writes a content header frame followed by body frames no larger than {@code frameMax}.
     *
     * @param encodedProperties the output of {@link ContentHeader#encodeProperties}, or null to encode
     *     {@code properties}
     */
    public static void content(
            ByteBuf out,
            int channel,
            BasicProperties properties,
            byte[] encodedProperties,
            byte[] body,
            long frameMax) {
        int start = begin(out, FrameDecoder.HEADER, channel);
        out.writeShort(60);
        out.writeShort(0);
        out.writeLong(body.length);
        if (encodedProperties != null) {
            out.writeBytes(encodedProperties);
        } else {
            ContentHeader.encodeProperties(out, properties);
        }
        end(out, start);
        int maxPayload = frameMax <= 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, frameMax - 8);
        int offset = 0;
        while (offset < body.length) {
            int n = Math.min(maxPayload, body.length - offset);
            out.writeByte(FrameDecoder.BODY);
            out.writeShort(channel);
            out.writeInt(n);
            out.writeBytes(body, offset, n);
            out.writeByte(FrameDecoder.FRAME_END);
            offset += n;
        }
    }

    private static int begin(ByteBuf out, int type, int channel) {
        out.writeByte(type);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        return sizeIndex;
    }

    private static void end(ByteBuf out, int sizeIndex) {
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(FrameDecoder.FRAME_END);
    }
}
