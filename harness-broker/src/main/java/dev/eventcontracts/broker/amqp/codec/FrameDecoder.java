package dev.eventcontracts.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the inbound byte stream into {@link InboundFrame}s: first the protocol header, then
 * frames of {@code type channel size payload 0xCE}. Framing violations and method frames that do
 * not decode raise 501 FRAME_ERROR, bad content headers 502 SYNTAX_ERROR; after the first error
 * everything further is discarded.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** Frame type of method frames. */
    public static final int METHOD = 1;
    /** Frame type of content header frames. */
    public static final int HEADER = 2;
    /** Frame type of content body frames. */
    public static final int BODY = 3;
    /** Frame type of heartbeat frames. */
    public static final int HEARTBEAT = 8;
    /** Frame end octet. */
    public static final int FRAME_END = 0xCE;

    private boolean headerSeen;
    private boolean failed;
    private long frameMax;

    /** A decoder accepting frames up to {@code initialFrameMax} bytes until {@link #frameMax} changes it. */
    public FrameDecoder(long initialFrameMax) {
        this.frameMax = initialFrameMax;
    }

    /** Sets the negotiated maximum frame size (0 = unlimited). */
    public void frameMax(long max) {
        this.frameMax = max;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (!headerSeen) {
                if (in.readableBytes() < ProtocolHeader.LENGTH) {
                    return;
                }
                byte[] header = new byte[ProtocolHeader.LENGTH];
                in.readBytes(header);
                headerSeen = true;
                boolean supported = ProtocolHeader.isAmqp091(header);
                if (!supported) {
                    failed = true;
                }
                out.add(new InboundFrame.Header(supported));
                return;
            }
            while (in.readableBytes() >= 7) {
                int start = in.readerIndex();
                int type = in.getUnsignedByte(start);
                int channel = in.getUnsignedShort(start + 1);
                long size = in.getUnsignedInt(start + 3);
                if (frameMax > 0 && size + 8 > frameMax) {
                    throw new AmqpProtocolException(
                            501,
                            "FRAME_ERROR - frame size " + (size + 8) + " exceeds the negotiated frame_max " + frameMax);
                }
                if (in.readableBytes() < size + 8) {
                    return;
                }
                if (in.getUnsignedByte(start + 7 + (int) size) != FRAME_END) {
                    throw new AmqpProtocolException(
                            501,
                            "FRAME_ERROR - invalid frame end marker on channel " + channel + " (frame type " + type
                                    + ")");
                }
                in.skipBytes(7);
                ByteBuf payload = in.readSlice((int) size);
                in.skipBytes(1);
                out.add(decodePayload(type, channel, payload));
            }
        } catch (AmqpProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * A method whose arguments cannot be decoded (too short, a field table that does not parse,
     * trailing bytes) is 501 FRAME_ERROR "cannot decode", as RabbitMQ 3.10 answers.
     */
    private static AmqpMethod decodeMethod(ByteBuf payload) {
        if (payload.readableBytes() < 4) {
            throw new AmqpProtocolException(
                    501,
                    "FRAME_ERROR - method frame of " + payload.readableBytes()
                            + " bytes is too short for a class and method id");
        }
        MethodSpec spec = MethodSpec.lookup(
                payload.getUnsignedShort(payload.readerIndex()), payload.getUnsignedShort(payload.readerIndex() + 2));
        String name = spec == null ? "method" : spec.amqpName();
        try {
            AmqpMethod m = AmqpMethod.decode(payload);
            if (payload.isReadable()) {
                throw cannotDecode(name, payload.readableBytes() + " unexpected trailing bytes");
            }
            return m;
        } catch (AmqpProtocolException e) {
            if (e.replyCode() != 502) {
                throw e;
            }
            throw cannotDecode(name, e.getMessage().replaceFirst("^SYNTAX_ERROR - ", ""));
        } catch (IndexOutOfBoundsException e) {
            throw cannotDecode(name, "its arguments are truncated");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw cannotDecode(name, String.valueOf(e.getMessage()));
        }
    }

    private static AmqpProtocolException cannotDecode(String method, String detail) {
        return new AmqpProtocolException(501, "FRAME_ERROR - cannot decode " + method + ": " + detail);
    }

    private static InboundFrame decodeHeader(int channel, ByteBuf payload) {
        try {
            return new InboundFrame.ContentHeaderFrame(channel, ContentHeader.decode(payload));
        } catch (AmqpProtocolException e) {
            return new InboundFrame.MalformedContentHeader(channel, e);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            return new InboundFrame.MalformedContentHeader(
                    channel,
                    new AmqpProtocolException(
                            502,
                            "SYNTAX_ERROR - malformed content header on channel " + channel + ": " + e.getMessage()));
        }
    }

    private static InboundFrame decodePayload(int type, int channel, ByteBuf payload) {
        try {
            return switch (type) {
                case METHOD -> new InboundFrame.Method(channel, decodeMethod(payload));
                case HEADER -> decodeHeader(channel, payload);
                case BODY -> {
                    byte[] bytes = new byte[payload.readableBytes()];
                    payload.readBytes(bytes);
                    yield new InboundFrame.Body(channel, bytes);
                }
                case HEARTBEAT -> new InboundFrame.Heartbeat(channel);
                default -> throw new AmqpProtocolException(501, "FRAME_ERROR - unknown frame type " + type);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new AmqpProtocolException(
                    502, "SYNTAX_ERROR - truncated frame payload (frame type " + type + ", channel " + channel + ")");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new AmqpProtocolException(502, "SYNTAX_ERROR - " + e.getMessage());
        }
    }
}
