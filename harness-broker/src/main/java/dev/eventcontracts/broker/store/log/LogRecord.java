package dev.eventcontracts.broker.store.log;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.ContentHeader;
import dev.eventcontracts.broker.amqp.codec.FieldTables;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.MessageStore;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The records of the durable log and their binary payloads (format version 1). */
sealed interface LogRecord {
    byte EXCHANGE = 1;
    byte EXCHANGE_DELETE = 2;
    byte QUEUE = 3;
    byte QUEUE_DELETE = 4;
    byte BIND = 5;
    byte UNBIND = 6;
    byte PUBLISH = 7;
    byte ACK = 8;
    byte POLICIES = 9;

    /** Writes the payload: type byte, then fields. */
    void write(ByteBuf out);

    /** A durable exchange declared. */
    record ExchangeDeclared(MessageStore.ExchangeDef def) implements LogRecord {
        @Override
        public void write(ByteBuf out) {
            out.writeByte(EXCHANGE);
            str(out, def.name());
            str(out, def.type());
            out.writeBoolean(def.autoDelete());
            out.writeBoolean(def.internal());
            FieldTables.writeTable(out, def.arguments());
        }
    }

    /** A durable exchange deleted. */
    record ExchangeDeleted(String name) implements LogRecord {
        @Override
        public void write(ByteBuf out) {
            out.writeByte(EXCHANGE_DELETE);
            str(out, name);
        }
    }

    /** A durable queue declared. */
    record QueueDeclared(MessageStore.QueueDef def) implements LogRecord {
        @Override
        public void write(ByteBuf out) {
            out.writeByte(QUEUE);
            str(out, def.name());
            out.writeBoolean(def.autoDelete());
            FieldTables.writeTable(out, def.arguments());
        }
    }

    /** A durable queue deleted with its messages and bindings. */
    record QueueDeleted(String name) implements LogRecord {
        @Override
        public void write(ByteBuf out) {
            out.writeByte(QUEUE_DELETE);
            str(out, name);
        }
    }

    /** A binding added ({@code added}) or removed. */
    record BindingChanged(MessageStore.BindingDef def, boolean added) implements LogRecord {
        @Override
        public void write(ByteBuf out) {
            out.writeByte(added ? BIND : UNBIND);
            str(out, def.source());
            str(out, def.destination());
            out.writeBoolean(def.toExchange());
            str(out, def.routingKey());
            FieldTables.writeTable(out, def.arguments());
        }
    }

    /**
     * The complete set of policies after a change (policies are few and change rarely); each
     * definition is stored as its JSON text.
     */
    record PoliciesSet(List<MessageStore.PolicyDef> policies) implements LogRecord {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        @Override
        public void write(ByteBuf out) {
            out.writeByte(POLICIES);
            out.writeInt(policies.size());
            for (MessageStore.PolicyDef p : policies) {
                str(out, p.name());
                str(out, p.pattern());
                str(out, p.applyTo());
                out.writeInt(p.priority());
                try {
                    str(out, JSON.writeValueAsString(p.definition()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("policy '" + p.name() + "' cannot be stored: " + e, e);
                }
            }
        }

        @SuppressWarnings("unchecked")
        static PoliciesSet read(ByteBuf in) {
            int n = in.readInt();
            if (n < 0 || n > in.readableBytes() / 16) {
                throw new IllegalArgumentException("policy count " + n + " exceeds the record");
            }
            List<MessageStore.PolicyDef> out = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = str(in);
                String pattern = str(in);
                String applyTo = str(in);
                int priority = in.readInt();
                String definition = str(in);
                try {
                    out.add(new MessageStore.PolicyDef(
                            name, pattern, applyTo, priority, JSON.readValue(definition, java.util.Map.class)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException("policy '" + name + "' definition is not JSON", e);
                }
            }
            return new PoliciesSet(List.copyOf(out));
        }
    }

    /** A persistent message entered a durable queue at position {@code sequence}. */
    record Published(String queue, long sequence, Message message) implements LogRecord {
        @Override
        public void write(ByteBuf out) {
            out.writeByte(PUBLISH);
            str(out, queue);
            out.writeLong(sequence);
            str(out, message.exchange());
            str(out, message.routingKey());
            out.writeInt(message.ccKeys().size());
            message.ccKeys().forEach(k -> str(out, k));
            out.writeShort(60);
            out.writeShort(0);
            out.writeLong(message.body().length);
            ContentHeader.encodeProperties(out, message.properties());
            out.writeInt(message.body().length);
            out.writeBytes(message.body());
        }
    }

    /** The message at {@code sequence} left a durable queue for good. */
    record Acked(String queue, long sequence) implements LogRecord {
        @Override
        public void write(ByteBuf out) {
            out.writeByte(ACK);
            str(out, queue);
            out.writeLong(sequence);
        }
    }

    /** Reads one payload; throws {@link IllegalArgumentException} for an unknown type. */
    static LogRecord read(ByteBuf in) {
        return new Decoder().read(in);
    }

    /**
     * Reads payloads, reusing the strings and properties of the previous record when the bytes
     * are the same (a queue name, an exchange, a routing key, the properties of a burst of
     * similar messages), which keeps recovery of many small messages cheap. Not thread-safe.
     */
    final class Decoder {
        private final Cached queue = new Cached();
        private final Cached exchange = new Cached();
        private final Cached routingKey = new Cached();
        private byte[] lastHeader = new byte[0];
        private BasicProperties lastProperties;
        private byte[] scratch = new byte[256];

        private byte[] scratch(int n) {
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            return scratch;
        }

        /** Reads one payload; throws {@link IllegalArgumentException} for an unknown type. */
        LogRecord read(ByteBuf in) {
            byte type = in.readByte();
            return switch (type) {
                case EXCHANGE ->
                    new ExchangeDeclared(new MessageStore.ExchangeDef(
                            str(in), str(in), in.readBoolean(), in.readBoolean(), FieldTables.readTable(in)));
                case EXCHANGE_DELETE -> new ExchangeDeleted(str(in));
                case QUEUE ->
                    new QueueDeclared(new MessageStore.QueueDef(str(in), in.readBoolean(), FieldTables.readTable(in)));
                case QUEUE_DELETE -> new QueueDeleted(str(in));
                case BIND, UNBIND ->
                    new BindingChanged(
                            new MessageStore.BindingDef(
                                    str(in), str(in), in.readBoolean(), str(in), FieldTables.readTable(in)),
                            type == BIND);
                case PUBLISH -> readPublished(in);
                case ACK -> new Acked(queue.read(in), in.readLong());
                case POLICIES -> PoliciesSet.read(in);
                default -> throw new IllegalArgumentException("unknown log record type " + type);
            };
        }

        private Published readPublished(ByteBuf in) {
            String queueName = queue.read(in);
            long sequence = in.readLong();
            String exchangeName = exchange.read(in);
            String key = routingKey.read(in);
            int ccCount = in.readInt();
            List<String> cc;
            if (ccCount == 0) {
                cc = List.of();
            } else {
                if (ccCount < 0 || ccCount > in.readableBytes() / 4) {
                    throw new IllegalArgumentException("cc count " + ccCount + " exceeds the record");
                }
                String[] keys = new String[ccCount];
                for (int i = 0; i < ccCount; i++) {
                    keys[i] = str(in);
                }
                cc = List.of(keys);
            }
            BasicProperties properties = properties(in);
            int bodyLength = in.readInt();
            if (bodyLength < 0 || bodyLength > in.readableBytes()) {
                throw new IllegalArgumentException("body length " + bodyLength + " exceeds the record");
            }
            byte[] body = new byte[bodyLength];
            in.readBytes(body);
            return new Published(queueName, sequence, new Message(exchangeName, key, cc, List.of(), properties, body));
        }

        /** The content header; the same bytes as the previous one decode to the same properties. */
        private BasicProperties properties(ByteBuf in) {
            int at = in.readerIndex();
            int n = lastHeader.length;
            if (lastProperties != null && in.readableBytes() >= n && same(in, at, lastHeader, scratch(n))) {
                in.skipBytes(n);
                return lastProperties;
            }
            BasicProperties p = ContentHeader.decode(in).properties();
            lastHeader = new byte[in.readerIndex() - at];
            in.getBytes(at, lastHeader);
            lastProperties = p;
            return p;
        }
    }

    /** The last string read in one field, reused while the bytes repeat. */
    final class Cached {
        private byte[] bytes = new byte[0];
        private String value;
        private byte[] scratch = new byte[64];

        private byte[] scratch(int n) {
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            return scratch;
        }

        String read(ByteBuf in) {
            int n = in.readInt();
            if (n < 0 || n > in.readableBytes()) {
                throw new IllegalArgumentException("string length " + n + " exceeds the record");
            }
            int at = in.readerIndex();
            if (value == null || n != bytes.length || !same(in, at, bytes, scratch(n))) {
                bytes = new byte[n];
                in.getBytes(at, bytes);
                value = new String(bytes, StandardCharsets.UTF_8);
            }
            in.skipBytes(n);
            return value;
        }
    }

    /** Whether {@code in} holds {@code bytes} at {@code at}: one bounds check, then a vectorised compare. */
    private static boolean same(ByteBuf in, int at, byte[] bytes, byte[] scratch) {
        int n = bytes.length;
        in.getBytes(at, scratch, 0, n);
        return Arrays.equals(scratch, 0, n, bytes, 0, n);
    }

    private static void str(ByteBuf out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    private static String str(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
            throw new IllegalArgumentException("string length " + n + " exceeds the record");
        }
        byte[] b = new byte[n];
        in.readBytes(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
