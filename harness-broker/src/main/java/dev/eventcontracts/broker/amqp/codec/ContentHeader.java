package dev.eventcontracts.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Date;

/**
 * A content header frame's payload: class id, body size and properties.
 *
 * @param classId the content class (60 for {@code basic})
 * @param bodySize total body size in bytes
 * @param properties the decoded properties
 */
public record ContentHeader(int classId, long bodySize, BasicProperties properties) {

    /** Decodes a header frame payload; raises 502 on malformed property data. */
    public static ContentHeader decode(ByteBuf in) {
        int classId = in.readUnsignedShort();
        in.readUnsignedShort(); // weight, always 0
        long bodySize = in.readLong();
        int flags = in.readUnsignedShort();
        int extra = flags;
        while ((extra & 1) != 0) {
            extra = in.readUnsignedShort(); // continuation flags: no further basic properties exist
        }
        String contentType = has(flags, 15) ? FieldTables.readShortString(in) : null;
        String contentEncoding = has(flags, 14) ? FieldTables.readShortString(in) : null;
        var headers = has(flags, 13) ? FieldTables.readTable(in) : null;
        Integer deliveryMode = has(flags, 12) ? (int) in.readUnsignedByte() : null;
        Integer priority = has(flags, 11) ? (int) in.readUnsignedByte() : null;
        String correlationId = has(flags, 10) ? FieldTables.readShortString(in) : null;
        String replyTo = has(flags, 9) ? FieldTables.readShortString(in) : null;
        String expiration = has(flags, 8) ? FieldTables.readShortString(in) : null;
        String messageId = has(flags, 7) ? FieldTables.readShortString(in) : null;
        Date timestamp = has(flags, 6) ? new Date(in.readLong() * 1000L) : null;
        String type = has(flags, 5) ? FieldTables.readShortString(in) : null;
        String userId = has(flags, 4) ? FieldTables.readShortString(in) : null;
        String appId = has(flags, 3) ? FieldTables.readShortString(in) : null;
        String clusterId = has(flags, 2) ? FieldTables.readShortString(in) : null;
        return new ContentHeader(
                classId,
                bodySize,
                new BasicProperties(
                        contentType,
                        contentEncoding,
                        headers,
                        deliveryMode,
                        priority,
                        correlationId,
                        replyTo,
                        expiration,
                        messageId,
                        timestamp,
                        type,
                        userId,
                        appId,
                        clusterId));
    }

    /** The encoding of {@code properties} (without class, weight and size) as a new array. */
    public static byte[] encodeProperties(BasicProperties properties) {
        ByteBuf tmp = Unpooled.buffer(64);
        encodeProperties(tmp, properties);
        byte[] encoded = new byte[tmp.readableBytes()];
        tmp.readBytes(encoded);
        return encoded;
    }

    /** Encodes {@code properties} (without class, weight and size) into {@code out}. */
    public static void encodeProperties(ByteBuf out, BasicProperties p) {
        int flagsIndex = out.writerIndex();
        out.writeShort(0);
        int flags = 0;
        if (p.contentType() != null) {
            flags |= 1 << 15;
            FieldTables.writeShortString(out, p.contentType());
        }
        if (p.contentEncoding() != null) {
            flags |= 1 << 14;
            FieldTables.writeShortString(out, p.contentEncoding());
        }
        if (p.headers() != null) {
            flags |= 1 << 13;
            FieldTables.writeTable(out, p.headers());
        }
        if (p.deliveryMode() != null) {
            flags |= 1 << 12;
            out.writeByte(p.deliveryMode());
        }
        if (p.priority() != null) {
            flags |= 1 << 11;
            out.writeByte(p.priority());
        }
        flags |= shortString(out, p.correlationId(), 10);
        flags |= shortString(out, p.replyTo(), 9);
        flags |= shortString(out, p.expiration(), 8);
        flags |= shortString(out, p.messageId(), 7);
        if (p.timestamp() != null) {
            flags |= 1 << 6;
            out.writeLong(p.timestamp().getTime() / 1000L);
        }
        flags |= shortString(out, p.type(), 5);
        flags |= shortString(out, p.userId(), 4);
        flags |= shortString(out, p.appId(), 3);
        flags |= shortString(out, p.clusterId(), 2);
        out.setShort(flagsIndex, flags);
    }

    private static int shortString(ByteBuf out, String value, int bit) {
        if (value == null) {
            return 0;
        }
        FieldTables.writeShortString(out, value);
        return 1 << bit;
    }

    private static boolean has(int flags, int bit) {
        return (flags & (1 << bit)) != 0;
    }
}
