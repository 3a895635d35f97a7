package dev.eventcontracts.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes AMQP field tables and arrays with every value type RabbitMQ and its Java client
 * use. Java types: {@code t} Boolean, {@code b} Byte, {@code s} Short, {@code I} Integer, {@code l}
 * Long, {@code f} Float, {@code d} Double, {@code D} BigDecimal, {@code T} Date, {@code F} Map,
 * {@code A} List, {@code V} null, {@code x} byte[], {@code S} {@link LongString}; the unsigned
 * types and spec long-long as {@link TypedValue}. Malformed data raises a 502 syntax error.
 */
public final class FieldTables {
    private static final int MAX_DEPTH = 64;

    private FieldTables() {}

    /** Reads a table (4-byte length then entries). */
    public static Map<String, Object> readTable(ByteBuf in) {
        return readTable(in, 0);
    }

    private static Map<String, Object> readTable(ByteBuf in, int depth) {
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw syntax("field table length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        if (length == 0) {
            return Collections.emptyMap();
        }
        ByteBuf table = in.readSlice((int) length);
        Map<String, Object> result = new LinkedHashMap<>();
        while (table.isReadable()) {
            String key = readShortString(table);
            result.put(key, readValue(table, depth + 1));
        }
        return result;
    }

    private static List<Object> readArray(ByteBuf in, int depth) {
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw syntax("field array length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        ByteBuf array = in.readSlice((int) length);
        List<Object> result = new ArrayList<>();
        while (array.isReadable()) {
            result.add(readValue(array, depth + 1));
        }
        return result;
    }

    /** Reads a short string (1-byte length, UTF-8). */
    public static String readShortString(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length > in.readableBytes()) {
            throw syntax("short string length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    /** Reads a long string (4-byte length) as raw bytes. */
    public static byte[] readLongBytes(ByteBuf in) {
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw syntax("long string length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        return bytes;
    }

    private static Object readValue(ByteBuf in, int depth) {
        if (depth > MAX_DEPTH) {
            throw syntax("field table nesting deeper than " + MAX_DEPTH);
        }
        char tag = (char) in.readUnsignedByte();
        return switch (tag) {
            case 't' -> in.readUnsignedByte() != 0;
            case 'b' -> in.readByte();
            case 'B' -> new TypedValue('B', in.readUnsignedByte());
            case 's' -> in.readShort();
            case 'u' -> new TypedValue('u', in.readUnsignedShort());
            case 'I' -> in.readInt();
            case 'i' -> new TypedValue('i', in.readUnsignedInt());
            case 'l' -> in.readLong();
            case 'L' -> new TypedValue('L', in.readLong());
            case 'f' -> in.readFloat();
            case 'd' -> in.readDouble();
            case 'D' -> {
                int scale = in.readUnsignedByte();
                yield new BigDecimal(BigInteger.valueOf(in.readInt()), scale);
            }
            case 'T' -> new Date(in.readLong() * 1000L);
            case 'F' -> readTable(in, depth);
            case 'A' -> readArray(in, depth);
            case 'V' -> null;
            case 'x' -> readLongBytes(in);
            case 'S' -> LongString.wrap(readLongBytes(in));
            default -> throw syntax("unknown field value type '" + printable(tag) + "'");
        };
    }

    /** Writes a table; {@code null} is written as an empty table. */
    public static void writeTable(ByteBuf out, Map<String, ?> table) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (table != null) {
            for (Map.Entry<String, ?> e : table.entrySet()) {
                writeShortString(out, e.getKey());
                writeValue(out, e.getValue());
            }
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Writes a short string; longer than 255 bytes is a caller bug. */
    public static void writeShortString(ByteBuf out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("short string longer than 255 bytes: '" + s + "'");
        }
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }

    /** Writes a long string. */
    public static void writeLongBytes(ByteBuf out, byte[] bytes) {
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeValue(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte('V');
        } else if (value instanceof LongString s) {
            out.writeByte('S');
            writeLongBytes(out, s.bytes());
        } else if (value instanceof String s) {
            out.writeByte('S');
            writeLongBytes(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Boolean b) {
            out.writeByte('t');
            out.writeByte(b ? 1 : 0);
        } else if (value instanceof Byte b) {
            out.writeByte('b');
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte('s');
            out.writeShort(s);
        } else if (value instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte('l');
            out.writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte('f');
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte('d');
            out.writeDouble(d);
        } else if (value instanceof BigDecimal d) {
            out.writeByte('D');
            out.writeByte(d.scale());
            out.writeInt(d.unscaledValue().intValueExact());
        } else if (value instanceof Date d) {
            out.writeByte('T');
            out.writeLong(d.getTime() / 1000L);
        } else if (value instanceof Map<?, ?> m) {
            out.writeByte('F');
            @SuppressWarnings("unchecked")
            Map<String, ?> table = (Map<String, ?>) m;
            writeTable(out, table);
        } else if (value instanceof List<?> list) {
            out.writeByte('A');
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            for (Object item : list) {
                writeValue(out, item);
            }
            out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
        } else if (value instanceof byte[] bytes) {
            out.writeByte('x');
            writeLongBytes(out, bytes);
        } else if (value instanceof TypedValue t) {
            out.writeByte(t.tag());
            switch (t.tag()) {
                case 'B' -> out.writeByte((int) t.value());
                case 'u' -> out.writeShort((int) t.value());
                case 'i' -> out.writeInt((int) t.value());
                case 'L' -> out.writeLong(t.value());
                default -> throw new IllegalArgumentException("unsupported typed value tag '" + t.tag() + "'");
            }
        } else {
            throw new IllegalArgumentException(
                    "unsupported field value type " + value.getClass().getName());
        }
    }

    /** The RabbitMQ name of a value's type, as used in 406 texts ({@code longstr}, {@code signedint}, ...). */
    public static String typeName(Object value) {
        if (value == null) {
            return "void";
        }
        if (value instanceof LongString || value instanceof String) {
            return "longstr";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Byte) {
            return "byte";
        }
        if (value instanceof Short) {
            return "short";
        }
        if (value instanceof Integer) {
            return "signedint";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Float) {
            return "float";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof Date) {
            return "timestamp";
        }
        if (value instanceof Map) {
            return "table";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof byte[]) {
            return "binary";
        }
        if (value instanceof TypedValue t) {
            return switch (t.tag()) {
                case 'B' -> "unsignedbyte";
                case 'u' -> "unsignedshort";
                case 'i' -> "unsignedint";
                default -> "long";
            };
        }
        return value.getClass().getSimpleName();
    }

    private static String printable(char c) {
        return c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }

    private static AmqpProtocolException syntax(String detail) {
        return new AmqpProtocolException(502, "SYNTAX_ERROR - " + detail);
    }
}
