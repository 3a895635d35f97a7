package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.avro.SampleGenerator;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/** The good and poison messages scenarios publish for one contract, deterministic per seed. */
final class Samples {

    private static final Schema UNRELATED = SchemaBuilder.record("UnrelatedEvent")
            .namespace("dev.eventcontracts.poison")
            .fields()
            .requiredBytes("blob")
            .requiredBoolean("flag")
            .endRecord();

    private final ConsumerContract contract;
    private final SampleGenerator generator;

    Samples(ConsumerContract contract, long seed) {
        this.contract = contract;
        this.generator = new SampleGenerator(seed);
    }

    /** Good sample number {@code index} (1-based), written with the reader schema. */
    Sample good(int index) {
        return written(contract.readerSchema(), index, "");
    }

    /**
     * Good sample number {@code index} whose {@code path} field (a string, e.g. the orderedBy
     * field) holds the value of sample {@code keyIndex}: records of one Kafka key, in sequence.
     *
     * @throws IllegalArgumentException when the reader schema has no string field at {@code path}
     */
    Sample sameKey(int index, String path, int keyIndex) {
        Schema schema = contract.readerSchema();
        GenericRecord record = generator.sample(schema, index, keyIn(schema));
        String[] parts = path.split("\\.");
        GenericRecord holder = record;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = holder.getSchema().getField(parts[i]) == null ? null : holder.get(parts[i]);
            if (!(child instanceof GenericRecord r)) {
                throw new IllegalArgumentException("orderedBy '" + path + "' does not name a field of '"
                        + schema.getFullName() + "'; use a dotted path to a string field.");
            }
            holder = r;
        }
        String leaf = parts[parts.length - 1];
        if (holder.getSchema().getField(leaf) == null) {
            throw new IllegalArgumentException("orderedBy '" + path + "' does not name a field of '"
                    + schema.getFullName() + "'; use a dotted path to a string field.");
        }
        String value = SampleGenerator.keyValue(path, keyIndex);
        holder.put(leaf, value);
        return new Sample(
                AvroCodec.encode(record),
                AvroCodec.schemaId(schema),
                describe(schema, index) + " (" + path + "=" + value + ", record " + index + " of the key)");
    }

    /** A good sample written with an older writer schema. */
    Sample written(Schema writer, int index, String suffix) {
        GenericRecord record = generator.sample(writer, index, keyIn(writer));
        return new Sample(AvroCodec.encode(record), AvroCodec.schemaId(writer), describe(writer, index) + suffix);
    }

    private String keyIn(Schema writer) {
        String key = contract.idempotencyKey();
        return key.isEmpty() || writer.getField(key.split("\\.")[0]) == null ? "" : key;
    }

    private String describe(Schema schema, int index) {
        String key = contract.idempotencyKey();
        if (key.isEmpty()) {
            return schema.getName() + "#" + index;
        }
        return schema.getName() + "{" + key + "=" + SampleGenerator.keyValue(key, index) + "}";
    }

    /**
     * The fixture's business-invalid payloads as messages: Avro records are written with their
     * own schema, {@code byte[]} bodies are sent as they are with the reader schema's id.
     *
     * @throws IllegalArgumentException naming the fixture and the element it cannot send
     */
    java.util.List<Sample> poison(java.util.List<?> payloads, String fixture) {
        java.util.List<Sample> out = new java.util.ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Object payload = payloads.get(i);
            String what = "poison sample " + (i + 1) + " of " + fixture;
            if (payload instanceof GenericRecord record) {
                out.add(new Sample(
                        AvroCodec.encode(record),
                        AvroCodec.schemaId(record.getSchema()),
                        what + " (" + record.getSchema().getName() + describeKey(record) + ")"));
            } else if (payload instanceof byte[] body) {
                out.add(new Sample(
                        body, AvroCodec.schemaId(contract.readerSchema()), what + " (" + body.length + " bytes)"));
            } else {
                throw new IllegalArgumentException(fixture + ".poisonSamples() element " + (i + 1) + " is a '"
                        + (payload == null ? "null" : payload.getClass().getName())
                        + "'; return Avro records of the payload type or byte[] bodies.");
            }
        }
        return out;
    }

    private String describeKey(GenericRecord record) {
        String key = contract.idempotencyKey();
        if (key.isEmpty() || key.contains(".") || record.getSchema().getField(key) == null) {
            return "";
        }
        return "{" + key + "=" + record.get(key) + "}";
    }

    /** Bytes no Avro schema decodes: an unterminated variable-length integer. */
    Sample undecodable() {
        byte[] body = new byte[32];
        Arrays.fill(body, (byte) 0x80);
        return new Sample(body, AvroCodec.schemaId(contract.readerSchema()), "undecodable bytes (32 x 0x80)");
    }

    /** A valid Avro record of an unrelated schema, with that schema's id. */
    Sample wrongSchema() {
        GenericRecord record = generator.sample(UNRELATED, 1, "");
        return new Sample(
                AvroCodec.encode(record),
                AvroCodec.schemaId(UNRELATED),
                "a '" + UNRELATED.getFullName() + "' record (wrong schema)");
    }
}
