package com.example.store.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The store's wire format: Avro binary bodies, with the writer schema's 64-bit parsing fingerprint
 * in header {@value #SCHEMA_ID_HEADER} so a reader can pick the writer version to resolve against.
 */
public final class AvroMessages {

    /** Header carrying the writer schema's fingerprint. */
    public static final String SCHEMA_ID_HEADER = "ec-schema-id";

    private final Schema reader;
    private final Map<Long, Schema> writers = new LinkedHashMap<>();

    private AvroMessages(Schema reader, Collection<Schema> knownWriters) {
        this.reader = reader;
        knownWriters.forEach(w -> writers.put(schemaId(w), w));
        writers.put(schemaId(reader), reader);
    }

    /**
     * A reader of {@code reader} that also knows the writer versions stored as classpath resources
     * (e.g. {@code /schemas/order-placed-v1.avsc}).
     */
    public static AvroMessages reading(Schema reader, List<String> writerResources) {
        return new AvroMessages(
                reader, writerResources.stream().map(AvroMessages::load).toList());
    }

    /** The fingerprint of {@code schema}, the value of {@value #SCHEMA_ID_HEADER}. */
    public static long schemaId(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The headers every message written with {@code schema} carries. */
    public static Map<String, Object> headers(Schema schema) {
        return Map.of(SCHEMA_ID_HEADER, schemaId(schema));
    }

    /**
     * Encodes a generated record with its own schema and data model (the generated class's, so no
     * class is looked up by name and Avro's class allow-list is not involved).
     */
    public static <T extends SpecificRecordBase> byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<T>(record.getSchema(), record.getSpecificData()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@code body} into a generic record of the reader schema, resolving from the writer
     * version named by the {@value #SCHEMA_ID_HEADER} header.
     *
     * @throws MalformedEventException when the header names an unknown version or the bytes are
     *     not a record of that version
     */
    public GenericRecord decode(byte[] body, Map<String, Object> headers) {
        Object id = headers == null ? null : headers.get(SCHEMA_ID_HEADER);
        Schema writer = id instanceof Number n ? writers.get(n.longValue()) : null;
        if (writer == null) {
            throw new MalformedEventException("header '" + SCHEMA_ID_HEADER + "' is '" + id
                    + "', which is not a known version of '" + reader.getFullName() + "'");
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
            GenericRecord record = new GenericDatumReader<GenericRecord>(writer, reader).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedEventException("trailing bytes after a '" + reader.getFullName() + "' record");
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedEventException m) {
                throw m;
            }
            throw new MalformedEventException("bytes are not a '" + reader.getFullName() + "' record: " + e, e);
        }
    }

    private static Schema load(String resource) {
        try (InputStream in = AvroMessages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema resource '" + resource + "' is not on the classpath.");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema resource '" + resource + "'", e);
        }
    }
}
