package dev.eventcontracts.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One decoded (or to-be-encoded) method: its spec and its arguments in wire order, typed as
 * {@link Integer} (octet, short, long), {@link Long} (long-long), {@link String} (short string),
 * {@code byte[]} (long string), {@link Boolean} (bit) or {@link Map} (table).
 *
 * @param spec what method this is
 * @param args the arguments, one per field of the spec
 */
public record AmqpMethod(MethodSpec spec, List<Object> args) {

    /**
     * A method with the given arguments in wire order ({@link MethodSpec#fieldNames()}); their
     * count must match the spec: {@code AmqpMethod.of(MethodSpec.BASIC_ACK, tag, false)}.
     */
    public static AmqpMethod of(MethodSpec spec, Object... args) {
        if (args.length != spec.fields().length()) {
            throw new IllegalArgumentException(
                    spec.amqpName() + " takes " + spec.fields().length() + " arguments " + spec.fieldNames());
        }
        return new AmqpMethod(spec, List.of(args));
    }

    /** Whether this is the method {@code spec}. */
    public boolean is(MethodSpec spec) {
        return this.spec == spec;
    }

    /** The argument {@code name} as an int (octet, short or long field): {@code integer("reply-code")}. */
    public int integer(String name) {
        return integer(spec.field(name));
    }

    /** The argument {@code name} as a long (long-long field): {@code longLong("delivery-tag")}. */
    public long longLong(String name) {
        return longLong(spec.field(name));
    }

    /** The argument {@code name} as a string (short string field): {@code string("exchange")}. */
    public String string(String name) {
        return string(spec.field(name));
    }

    /** The argument {@code name} as bytes (long string field): {@code bytes("response")}. */
    public byte[] bytes(String name) {
        return bytes(spec.field(name));
    }

    /** The argument {@code name} as a boolean (bit field): {@code bit("mandatory")}. */
    public boolean bit(String name) {
        return bit(spec.field(name));
    }

    /** The argument {@code name} as a table: {@code table("arguments")}. */
    public Map<String, Object> table(String name) {
        return table(spec.field(name));
    }

    /** Class id. */
    public int classId() {
        return spec.classId();
    }

    /** Method id. */
    public int methodId() {
        return spec.methodId();
    }

    /** Argument {@code i} as an int (octet, short or long field). */
    public int integer(int i) {
        return (Integer) args.get(i);
    }

    /** Argument {@code i} as a long (long-long field). */
    public long longLong(int i) {
        return (Long) args.get(i);
    }

    /** Argument {@code i} as a string (short string field). */
    public String string(int i) {
        return (String) args.get(i);
    }

    /** Argument {@code i} as bytes (long string field). */
    public byte[] bytes(int i) {
        return (byte[]) args.get(i);
    }

    /** Argument {@code i} as a boolean (bit field). */
    public boolean bit(int i) {
        return (Boolean) args.get(i);
    }

    /** Argument {@code i} as a table. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> table(int i) {
        return (Map<String, Object>) args.get(i);
    }

    /**
     * Decodes a method frame payload. Unknown methods raise 540 NOT_IMPLEMENTED; truncated or
     * malformed arguments raise 502 SYNTAX_ERROR.
     */
    public static AmqpMethod decode(ByteBuf in) {
        int classId = in.readUnsignedShort();
        int methodId = in.readUnsignedShort();
        MethodSpec spec = MethodSpec.lookup(classId, methodId);
        if (spec == null) {
            throw new AmqpProtocolException(
                    540, "NOT_IMPLEMENTED - unknown method class " + classId + " method " + methodId);
        }
        String fields = spec.fields();
        List<Object> args = new ArrayList<>(fields.length());
        int bitIndex = 8;
        int bits = 0;
        for (int i = 0; i < fields.length(); i++) {
            char f = fields.charAt(i);
            if (f == 'b') {
                if (bitIndex == 8) {
                    bits = in.readUnsignedByte();
                    bitIndex = 0;
                }
                args.add((bits & (1 << bitIndex++)) != 0);
                continue;
            }
            bitIndex = 8;
            args.add(
                    switch (f) {
                        case 'o' -> (int) in.readUnsignedByte();
                        case 's' -> in.readUnsignedShort();
                        case 'l' -> (int) in.readUnsignedInt();
                        case 'L' -> in.readLong();
                        case 'S' -> FieldTables.readShortString(in);
                        case 'X' -> FieldTables.readLongBytes(in);
                        case 'T' -> FieldTables.readTable(in);
                        default -> throw new IllegalStateException("bad field code " + f);
                    });
        }
        return new AmqpMethod(spec, args);
    }

    /** Encodes class id, method id and arguments into {@code out}. */
    public void encode(ByteBuf out) {
        out.writeShort(spec.classId());
        out.writeShort(spec.methodId());
        String fields = spec.fields();
        int bitIndex = 8;
        int bitsIndex = -1;
        int bits = 0;
        for (int i = 0; i < fields.length(); i++) {
            char f = fields.charAt(i);
            Object v = args.get(i);
            if (f == 'b') {
                if (bitIndex == 8) {
                    if (bitsIndex >= 0) {
                        out.setByte(bitsIndex, bits);
                    }
                    bitsIndex = out.writerIndex();
                    out.writeByte(0);
                    bits = 0;
                    bitIndex = 0;
                }
                if ((Boolean) v) {
                    bits |= 1 << bitIndex;
                }
                bitIndex++;
                continue;
            }
            if (bitsIndex >= 0) {
                out.setByte(bitsIndex, bits);
                bitsIndex = -1;
            }
            bitIndex = 8;
            switch (f) {
                case 'o' -> out.writeByte((Integer) v);
                case 's' -> out.writeShort((Integer) v);
                case 'l' -> out.writeInt(((Number) v).intValue());
                case 'L' -> out.writeLong((Long) v);
                case 'S' -> FieldTables.writeShortString(out, (String) v);
                case 'X' -> FieldTables.writeLongBytes(out, (byte[]) v);
                case 'T' -> {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> table = (Map<String, ?>) v;
                    FieldTables.writeTable(out, table);
                }
                default -> throw new IllegalStateException("bad field code " + f);
            }
        }
        if (bitsIndex >= 0) {
            out.setByte(bitsIndex, bits);
        }
    }

    @Override
    public String toString() {
        return spec.amqpName() + args;
    }
}
