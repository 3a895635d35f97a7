package dev.eventcontracts.junit.internal.avro;

import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro binary encoding with the writer schema's id in a message header, and decoding into what a
 * handler takes: a generated SpecificRecord class, a GenericRecord, or raw bytes.
 *
 * <p>The schema id is the 64-bit parsing-canonical-form fingerprint of the writer schema, carried
 * in header {@value #SCHEMA_ID_HEADER}; a reader knows the writer versions of its subject and
 * refuses ids it does not know.
 */
public final class AvroCodec {

    /** Header carrying the writer schema's id. */
    public static final String SCHEMA_ID_HEADER = "ec-schema-id";

    /** Content type of Avro-encoded messages. */
    public static final String CONTENT_TYPE = "application/avro";

    private final Schema reader;
    private final Map<Long, Schema> writersById = new HashMap<>();

    /** A codec reading with {@code reader} and accepting the given writer versions. */
    public AvroCodec(Schema reader, Collection<Schema> writers) {
        this.reader = reader;
        writers.forEach(w -> writersById.put(schemaId(w), w));
        writersById.put(schemaId(reader), reader);
    }

    /** The id of {@code schema}: its parsing fingerprint. */
    public static long schemaId(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /**
     * Encodes {@code record} with its own schema; a generated SpecificRecord with the logical-type
     * conversions of its class (e.g. {@code Instant} for {@code timestamp-millis}).
     */
    public static byte[] encode(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData model = record instanceof org.apache.avro.specific.SpecificRecord
                ? org.apache.avro.specific.SpecificData.getForClass(record.getClass())
                : GenericData.get();
        try {
            (model instanceof org.apache.avro.specific.SpecificData specific
                            ? new org.apache.avro.specific.SpecificDatumWriter<GenericRecord>(
                                    record.getSchema(), specific)
                            : new GenericDatumWriter<GenericRecord>(record.getSchema(), model))
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@code body} written with the schema whose id is {@code schemaId} (null: the reader
     * schema) into {@code target}.
     *
     * @throws UndecodableMessageException naming the reason when the id is unknown or the bytes
     *     do not decode
     */
    public Object decode(byte[] body, Long schemaId, Class<?> target) {
        Schema writer = schemaId == null ? reader : writersById.get(schemaId);
        if (writer == null) {
            throw new UndecodableMessageException("writer schema id '" + schemaId + "' is not a known version of '"
                    + reader.getFullName() + "' (known ids " + writersById.keySet() + ")");
        }
        return decodeWith(body, writer, target);
    }

    /**
     * Decodes {@code body} written with {@code writer} (e.g. the schema a registry id names),
     * resolved to the reader schema, into {@code target}.
     *
     * @throws UndecodableMessageException naming the reason when the bytes do not decode
     */
    public Object decodeWith(byte[] body, Schema writer, Class<?> target) {
        try {
            DatumReader<Object> datumReader = SpecificRecord.class.isAssignableFrom(target)
                    ? new SpecificDatumReader<>(writer, reader, new TrustingSpecificData(target.getClassLoader()))
                    : new GenericDatumReader<>(writer, reader);
            var decoder = DecoderFactory.get().binaryDecoder(body, null);
            Object value = datumReader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UndecodableMessageException("trailing bytes after a '" + reader.getFullName() + "' record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UndecodableMessageException u) {
                throw u;
            }
            throw new UndecodableMessageException("bytes are not a '" + reader.getFullName() + "' record: " + e, e);
        }
    }

    /**
     * Resolves the generated classes of the payload's own schema directly: they are the consumer's
     * code, so Avro's class allow-list (meant for untrusted schemas) does not apply to them.
     */
    private static final class TrustingSpecificData extends SpecificData {
        private final ClassLoader loader;

        TrustingSpecificData(ClassLoader loader) {
            super(loader);
            this.loader = loader;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class getClass(Schema schema) {
            if (schema.getType() == Schema.Type.RECORD
                    || schema.getType() == Schema.Type.ENUM
                    || schema.getType() == Schema.Type.FIXED) {
                try {
                    return Class.forName(SpecificData.getClassName(schema), false, loader);
                } catch (ClassNotFoundException e) {
                    return null;
                }
            }
            return super.getClass(schema);
        }
    }
}
