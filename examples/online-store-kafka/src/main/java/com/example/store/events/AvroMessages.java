package com.example.store.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The store's wire format: Avro binary bodies, with the writer schema's 64-bit parsing fingerprint
 * in header {@value #SCHEMA_ID_HEADER} so a reader can pick the writer version to resolve against
 * (the convention the event-contracts harness uses too).
 */
public final class AvroMessages {

    /** Header carrying the writer schema's fingerprint. */
    public static final String SCHEMA_ID_HEADER = "ec-schema-id";

    private AvroMessages() {}

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
}
