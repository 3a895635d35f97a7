package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.PayloadFormat;
import dev.eventcontracts.junit.TypeSamples;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.avro.SampleGenerator;
import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import dev.eventcontracts.junit.internal.json.JsonCodec;
import dev.eventcontracts.junit.internal.json.JsonDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The good and poison messages scenarios publish for one contract, deterministic per seed: Avro
 * records built from the schema, JSON written with Jackson from samples built from the payload
 * type ({@link TypeSamples}), or the fixture's own {@code samples()} when it supplies them
 * (docs/contract-tests.md, "Samples").
 */
final class Samples {

    private static final Schema UNRELATED = SchemaBuilder.record("UnrelatedEvent")
            .namespace("dev.eventcontracts.poison")
            .fields()
            .requiredBytes("blob")
            .requiredBoolean("flag")
            .endRecord();

    private static final String OCTETS = "application/octet-stream";

    private final ConsumerContract contract;
    private final SampleGenerator generator;
    private final JsonCodec json;
    private final Supplier<List<?>> fixtureSamples;
    private final Supplier<String> fixtureName;
    private List<Sample> supplied;

    /**
     * @param fixtureSamples the fixture's {@code samples()} (read once, on first use)
     * @param fixtureName the fixture's simple name, or a phrase when there is none
     */
    Samples(
            ConsumerContract contract,
            long seed,
            JsonCodec json,
            Supplier<List<?>> fixtureSamples,
            Supplier<String> fixtureName) {
        this.contract = contract;
        this.generator = new SampleGenerator(seed);
        this.json = json;
        this.fixtureSamples = fixtureSamples;
        this.fixtureName = fixtureName;
    }

    private synchronized List<Sample> supplied() {
        if (supplied == null) {
            List<?> payloads = fixtureSamples.get();
            List<Sample> out = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                String what = "sample " + (i + 1) + " of " + fixtureName.get();
                out.add(encode(payloads.get(i), what, fixtureName.get() + ".samples()", i + 1));
            }
            supplied = List.copyOf(out);
        }
        return supplied;
    }

    /** True when good messages exist: built from the type or schema, or supplied by the fixture. */
    boolean hasGood() {
        return contract.payloadFormat() != PayloadFormat.RAW || !supplied().isEmpty();
    }

    /** Why there are no good messages (see {@link #hasGood()}). */
    String whyNoGood() {
        return contract.displayName() + " takes its payload as "
                + contract.payloadType().getSimpleName()
                + " and decodes it itself, so event-contracts cannot build messages it accepts, and "
                + (fixtureName.get().equals("no fixture")
                        ? "it has no fixture with samples()"
                        : fixtureName.get() + " supplies no samples()")
                + ". Return four or more valid bodies from the fixture's"
                + " samples() (and invalid ones from poisonSamples()) to run the scenarios.";
    }

    /** Good sample number {@code index} (1-based): the fixture's, reused from the start, or built. */
    Sample good(int index) {
        List<Sample> own = supplied();
        if (!own.isEmpty()) {
            return own.get((index - 1) % own.size());
        }
        return switch (contract.payloadFormat()) {
            case AVRO -> written(contract.readerSchema(), index, "");
            case JSON -> jsonSample(index);
            case RAW -> throw new IllegalStateException(whyNoGood());
        };
    }

    private Sample jsonSample(int index) {
        Object payload = TypeSamples.sample(contract.genericPayloadType(), index, contract.idempotencyKey());
        byte[] body = json.write(payload);
        try {
            json.read(body, contract.genericPayloadType());
        } catch (UndecodableMessageException e) {
            throw new IllegalStateException(
                    json.name() + " cannot read back the sample it wrote of '"
                            + contract.payloadType().getName()
                            + "' (" + e.getMessage() + "). Give the type a public canonical constructor (a record),"
                            + " setters, or a @JsonCreator constructor (or compile with -parameters), or supply"
                            + " samples from the fixture's samples().",
                    e);
        }
        return new Sample(body, null, JsonCodec.CONTENT_TYPE, describeJson(body, index));
    }

    private String describeJson(byte[] body, int index) {
        String type = contract.payloadType().getSimpleName();
        String key = contract.idempotencyKey();
        return JsonDocuments.valueAt(body, key)
                .map(v -> type + "{" + key + "=" + v + "}")
                .orElse(type + "#" + index);
    }

    /**
     * Good sample number {@code index} whose {@code path} field (a string, e.g. the orderedBy
     * field) holds the value of sample {@code keyIndex}: records of one Kafka key, in sequence.
     *
     * @throws IllegalArgumentException when the reader schema has no string field at {@code path}
     */
    Sample sameKey(int index, String path, int keyIndex) {
        if (contract.payloadFormat() != PayloadFormat.AVRO) {
            return sameKeyJson(index, path, keyIndex);
        }
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
                AvroCodec.CONTENT_TYPE,
                describe(schema, index) + " (" + path + "=" + value + ", record " + index + " of the key)");
    }

    /** {@link #sameKey} for JSON bodies (built, or the fixture's when they are JSON objects). */
    private Sample sameKeyJson(int index, String path, int keyIndex) {
        Sample good = good(index);
        String value = SampleGenerator.keyValue(path, keyIndex);
        byte[] body = JsonDocuments.withValueAt(good.body(), path, value, keyIndex)
                .filter(b -> contract.payloadFormat() != PayloadFormat.JSON || readable(b))
                .orElseThrow(() -> new IllegalArgumentException("orderedBy '" + path + "' does not name a text or"
                        + " whole-number field of the JSON samples of " + contract.displayName()
                        + "; use a dotted path to such a field."));
        String written = JsonDocuments.valueAt(body, path).orElse(value);
        return new Sample(
                body,
                null,
                good.contentType(),
                good.description() + " (" + path + "=" + written + ", record " + index + " of the key)");
    }

    /** A good sample written with an older writer schema. */
    Sample written(Schema writer, int index, String suffix) {
        GenericRecord record = generator.sample(writer, index, keyIn(writer));
        return new Sample(
                AvroCodec.encode(record),
                AvroCodec.schemaId(writer),
                AvroCodec.CONTENT_TYPE,
                describe(writer, index) + suffix);
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
     * The fixture's business-invalid payloads as messages.
     *
     * @throws IllegalArgumentException naming the fixture and the element it cannot send
     */
    List<Sample> poison(List<?> payloads, String fixture) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            out.add(encode(
                    payloads.get(i),
                    "poison sample " + (i + 1) + " of " + fixture,
                    fixture + ".poisonSamples()",
                    i + 1));
        }
        return out;
    }

    /**
     * One payload a fixture returned, as the consumer's format sends it: Avro records with their
     * own schema, objects of the payload type as JSON, {@code byte[]}/{@code String} bodies as they
     * are (with the reader schema's id for Avro).
     */
    private Sample encode(Object payload, String what, String source, int position) {
        PayloadFormat format = contract.payloadFormat();
        if (payload instanceof GenericRecord record) {
            return new Sample(
                    AvroCodec.encode(record),
                    AvroCodec.schemaId(record.getSchema()),
                    AvroCodec.CONTENT_TYPE,
                    what + " (" + record.getSchema().getName() + describeKey(record) + ")");
        }
        byte[] body = payload instanceof byte[] bytes
                ? bytes
                : payload instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
        if (body != null) {
            return switch (format) {
                case AVRO ->
                    new Sample(
                            body,
                            AvroCodec.schemaId(contract.readerSchema()),
                            AvroCodec.CONTENT_TYPE,
                            what + " (" + body.length + " bytes)");
                case JSON -> new Sample(body, null, JsonCodec.CONTENT_TYPE, what + keyOf(body));
                case RAW ->
                    new Sample(
                            body,
                            null,
                            JsonDocuments.object(body).isPresent()
                                    ? JsonCodec.CONTENT_TYPE
                                    : payload instanceof String ? "text/plain" : OCTETS,
                            what + keyOf(body));
            };
        }
        if (format == PayloadFormat.JSON && payload != null) {
            byte[] written = json.write(payload);
            return new Sample(
                    written,
                    null,
                    JsonCodec.CONTENT_TYPE,
                    what + " (" + payload.getClass().getSimpleName()
                            + keyOf(written).strip() + ")");
        }
        throw new IllegalArgumentException(source + " element " + position + " is a '"
                + (payload == null ? "null" : payload.getClass().getName()) + "'; return "
                + switch (format) {
                    case AVRO -> "Avro records of the payload type or byte[] bodies.";
                    case JSON -> "objects of the payload type, or byte[]/String JSON bodies.";
                    case RAW -> "byte[] or String bodies.";
                });
    }

    /** {@code " {orderId=o-1}"} when the body is JSON with the idempotency key, else empty. */
    private String keyOf(byte[] body) {
        String key = contract.idempotencyKey();
        return JsonDocuments.valueAt(body, key)
                .map(v -> " {" + key + "=" + v + "}")
                .orElse("");
    }

    private String describeKey(GenericRecord record) {
        String key = contract.idempotencyKey();
        if (key.isEmpty() || key.contains(".") || record.getSchema().getField(key) == null) {
            return "";
        }
        return "{" + key + "=" + record.get(key) + "}";
    }

    /** Bytes no Avro schema decodes and no JSON parser reads: 32 x 0x80 (not even UTF-8). */
    Sample undecodable() {
        byte[] body = new byte[32];
        Arrays.fill(body, (byte) 0x80);
        return switch (contract.payloadFormat()) {
            case AVRO ->
                new Sample(
                        body,
                        AvroCodec.schemaId(contract.readerSchema()),
                        AvroCodec.CONTENT_TYPE,
                        "undecodable bytes (32 x 0x80)");
            case JSON -> new Sample(body, null, JsonCodec.CONTENT_TYPE, "undecodable bytes (32 x 0x80)");
            case RAW -> new Sample(body, null, good(1).contentType(), "undecodable bytes (32 x 0x80)");
        };
    }

    /**
     * A well-formed message of the wrong shape: for Avro a record of an unrelated schema with that
     * schema's id; for JSON a document whose every field has a value of the wrong type (only when
     * our decoder refuses it); for raw payloads the same document when the samples are JSON
     * objects. Empty when none can be made.
     */
    Optional<Sample> wrongSchema() {
        switch (contract.payloadFormat()) {
            case AVRO: {
                GenericRecord record = generator.sample(UNRELATED, 1, "");
                return Optional.of(new Sample(
                        AvroCodec.encode(record),
                        AvroCodec.schemaId(UNRELATED),
                        AvroCodec.CONTENT_TYPE,
                        "a '" + UNRELATED.getFullName() + "' record (wrong schema)"));
            }
            case JSON: {
                Optional<byte[]> body = JsonDocuments.wrongTypes(good(1).body());
                if (body.isEmpty() || readable(body.get())) {
                    return Optional.empty();
                }
                return Optional.of(new Sample(body.get(), null, JsonCodec.CONTENT_TYPE, wrongShapeDescription()));
            }
            default:
                return JsonDocuments.wrongTypes(good(1).body())
                        .map(body -> new Sample(body, null, JsonCodec.CONTENT_TYPE, wrongShapeDescription()));
        }
    }

    /** Why {@link #wrongSchema()} is empty. */
    String whyNoWrongShape() {
        return contract.payloadFormat() == PayloadFormat.JSON
                ? json.name() + " reads a document whose every field has the wrong type into '"
                        + contract.payloadType().getSimpleName()
                        + "' without an error, so no well-formed message of the wrong shape is refused by decoding"
                : "the samples of " + contract.displayName() + " are not JSON objects, so event-contracts cannot"
                        + " build a well-formed message of the wrong shape for a payload it does not decode";
    }

    private String wrongShapeDescription() {
        return "a JSON document of the wrong shape (every field of '"
                + (contract.payloadFormat() == PayloadFormat.JSON
                        ? contract.payloadType().getSimpleName()
                        : "sample 1")
                + "' holds a value of the wrong type)";
    }

    private boolean readable(byte[] body) {
        try {
            json.read(body, contract.genericPayloadType());
            return true;
        } catch (UndecodableMessageException e) {
            return false;
        }
    }
}
