package dev.eventcontracts.kafka.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The Confluent wire format of a Kafka record value or key: magic byte {@code 0}, the schema id as
 * 4 bytes big-endian, then the Avro binary encoding of the value with that (writer) schema. Ids are
 * resolved through a {@link SchemaLookup}, normally the registry's ccompat API ({@link
 * CcompatSchemaLookup}). Confluent's own serde artifacts are not used; docs/kafka.md lists what
 * this codec covers.
 *
 * <p>Values are Avro generic data ({@code GenericRecord}, {@code Utf8}, …); decoding resolves the
 * writer schema to the reader schema by Avro's rules, as a consumer with a reader schema does.
 */
public final class ConfluentWireFormat {

    /** The first byte of every record in this format. */
    public static final byte MAGIC_BYTE = 0;

    /** Magic byte and schema id. */
    public static final int HEADER_LENGTH = 5;

    private final SchemaLookup schemas;
    private final GenericData data = GenericData.get();

    public ConfluentWireFormat(SchemaLookup schemas) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
    }

    /** A decoded record: the id from the header, the writer schema it names, and the value read with the reader schema. */
    public record Decoded(int schemaId, Schema writerSchema, Object value) {}

    /** Registers (or finds) {@code writer} under {@code subject} and encodes {@code value} with it. */
    public byte[] encode(String subject, Schema writer, Object value) {
        return encode(schemas.register(subject, writer), writer, value);
    }

    /**
     * Encodes {@code value} with {@code writer} behind the header for {@code schemaId}.
     *
     * @throws WireFormatException {@link WireFormatException.Problem#UNENCODABLE_VALUE} when the value does not fit
     */
    public byte[] encode(int schemaId, Schema writer, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<Object>(writer, data).write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.UNENCODABLE_VALUE,
                    "Cannot encode the value with schema '" + writer.getFullName() + "' (id " + schemaId + "): "
                            + e.getMessage() + ". Build the value from the same schema (e.g. GenericRecordBuilder).",
                    e);
        }
        return out.toByteArray();
    }

    /**
     * The schema id in the header.
     *
     * @throws WireFormatException {@link WireFormatException.Problem#TOO_SHORT} or {@link
     *     WireFormatException.Problem#UNKNOWN_MAGIC_BYTE}
     */
    public static int schemaId(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_LENGTH) {
            throw new WireFormatException(
                    WireFormatException.Problem.TOO_SHORT,
                    "The record has " + bytes.length + " bytes (" + hex(bytes) + "), fewer than the "
                            + HEADER_LENGTH + "-byte header (magic byte 0 + 4-byte schema id) of the Confluent wire"
                            + " format. It was not written by a registry-aware serializer: configure the producer's"
                            + " value.serializer to write the Confluent format.",
                    null);
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new WireFormatException(
                    WireFormatException.Problem.UNKNOWN_MAGIC_BYTE,
                    "Unknown magic byte " + String.format("0x%02x", bytes[0]) + " (record starts " + hex(bytes)
                            + "): the Confluent wire format starts with 0x00. The producer wrote another format"
                            + " (plain Avro, JSON, or Apicurio with a header id handler): align its serializer"
                            + " with this consumer's deserializer.",
                    null);
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** Decodes with the writer schema itself as the reader schema. */
    public Decoded decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * Reads the header, fetches the writer schema by id and decodes the body, resolved to {@code
     * reader} (null: the writer schema).
     *
     * @throws WireFormatException the header is wrong, the id unknown, or the body undecodable
     */
    public Decoded decode(byte[] bytes, Schema reader) {
        int id = schemaId(bytes);
        Schema writer = schemas.schema(id);
        Schema target = reader == null ? writer : reader;
        try {
            BinaryDecoder decoder =
                    DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
            Object value = new GenericDatumReader<Object>(writer, target, data).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes are left after the value");
            }
            return new Decoded(id, writer, value);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.UNDECODABLE_PAYLOAD,
                    "The body of a record with schema id " + id + " ('" + writer.getFullName() + "' from "
                            + schemas.location() + ") does not decode"
                            + (reader == null ? "" : " to reader schema '" + reader.getFullName() + "'") + ": "
                            + e.getMessage() + ". The producer encoded with another schema than the id says, or the"
                            + " reader schema is not compatible with the writer's.",
                    e);
        }
    }

    private static String hex(byte[] bytes) {
        int shown = Math.min(bytes.length, 8);
        String text = HexFormat.ofDelimiter(" ").withPrefix("0x").formatHex(bytes, 0, shown);
        return bytes.length > shown ? text + " …" : text.isEmpty() ? "nothing" : text;
    }
}
