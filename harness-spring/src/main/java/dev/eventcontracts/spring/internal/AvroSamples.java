package dev.eventcontracts.spring.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventcontracts.junit.internal.avro.SampleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Samples of an Avro {@code SpecificRecord} payload, built from its schema by plain mode's sample
 * generator (docs/contract-tests.md), and a check that the service's converter writes them as Avro.
 * Loaded only for such payloads, so services without Avro never need it on their classpath. Kafka
 * service mode uses it too, for a service reading Avro with Apicurio's serdes (docs/kafka.md §5.2).
 */
public final class AvroSamples {

    private static final long SEED = 42;

    private AvroSamples() {}

    /** Whether {@code type} implements Avro's {@code SpecificRecord}, judged without loading Avro. */
    public static boolean isSpecificRecord(Class<?> type) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().equals("org.apache.avro.specific.SpecificRecord")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sample number {@code index} (distinct per index) as an instance of {@code type}. */
    public static Object sample(Class<?> type, int index) {
        Schema schema = SpecificData.get().getSchema(type);
        GenericRecord generic = new SampleGenerator(SEED).sample(schema, index, "");
        return SpecificData.get().deepCopy(schema, generic);
    }

    /**
     * Sample number {@code index} of the older writer schema in {@code avscPath}, as a {@code
     * GenericRecord} of that schema (scenario (n) of Kafka service mode, docs/kafka.md §5.3).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or parsed
     */
    public static Object written(String avscPath, int index) {
        Schema writer;
        try {
            writer = new Schema.Parser().parse(Files.readString(Path.of(avscPath)));
        } catch (IOException | SchemaParseException e) {
            throw new IllegalArgumentException(
                    "Cannot read the older writer schema '" + avscPath + "' (working directory '"
                            + Path.of("").toAbsolutePath() + "'): " + e.getMessage()
                            + ". Check previousWriterSchemaFile(...) in the generated test.",
                    e);
        }
        return new SampleGenerator(SEED).sample(writer, index, "");
    }

    /**
     * The field values of {@code record} as a JSON tree of its field names — texts (strings, enum
     * symbols), whole numbers, nested records, arrays and maps — for the placeholders of effects
     * (SampleTemplates): the record's binary body shows none of them.
     */
    static JsonNode values(Object record) {
        return value(record);
    }

    private static JsonNode value(Object v) {
        if (v instanceof IndexedRecord r) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (Schema.Field f : r.getSchema().getFields()) {
                JsonNode child = value(r.get(f.pos()));
                if (child != null) {
                    node.set(f.name(), child);
                }
            }
            return node;
        }
        if (v instanceof CharSequence || v instanceof GenericEnumSymbol<?> || v instanceof Enum<?>) {
            return JsonNodeFactory.instance.textNode(v.toString());
        }
        if (v instanceof Integer || v instanceof Long) {
            return JsonNodeFactory.instance.numberNode(((Number) v).longValue());
        }
        if (v instanceof Collection<?> c) {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            for (Object e : c) {
                JsonNode child = value(e);
                if (child != null) {
                    node.add(child);
                }
            }
            return node;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            m.forEach((k, e) -> {
                JsonNode child = value(e);
                if (child != null) {
                    node.set(String.valueOf(k), child);
                }
            });
            return node;
        }
        return null;
    }

    /**
     * A well-formed record whose top-level strings are blank and numbers zero: a listener that
     * validates its input fails on it every time.
     */
    public static Object blank(Class<?> type) {
        SpecificRecord record = (SpecificRecord) sample(type, 1);
        for (Schema.Field f : record.getSchema().getFields()) {
            Object zero = zero(f.schema());
            if (zero != null) {
                record.put(f.pos(), zero);
            }
        }
        return record;
    }

    private static Object zero(Schema s) {
        return switch (s.getType()) {
            case STRING -> "";
            case INT -> 0;
            case LONG -> 0L;
            case FLOAT -> 0.0f;
            case DOUBLE -> 0.0;
            case UNION ->
                s.getTypes().stream()
                        .filter(t -> t.getType() != Schema.Type.NULL)
                        .findFirst()
                        .map(AvroSamples::zero)
                        .orElse(null);
            default -> null;
        };
    }

    /**
     * Checks that {@code converter} writes {@code sample} so that it reads it back as the same
     * record — what an Avro converter does and a JSON converter does not.
     *
     * @throws IllegalStateException naming the listener, the converter and the fix
     */
    static void requireAvroConverter(MessageConverter converter, Object sample, String listener) {
        String why;
        try {
            Message m = converter.toMessage(sample, new MessageProperties());
            Object back = converter.fromMessage(m);
            if (Objects.equals(back, sample)) {
                return;
            }
            why = "it reads its own message back as "
                    + (back == null ? "null" : "a " + back.getClass().getName()) + ", not the record";
        } catch (RuntimeException | StackOverflowError e) {
            why = "it cannot write or read the record (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        throw new IllegalStateException(listener + " takes the Avro SpecificRecord '"
                + sample.getClass().getName()
                + "', but the service's MessageConverter '"
                + converter.getClass().getName()
                + "' does not encode it as Avro: " + why + ". Service mode publishes samples as the service"
                + " reads them: give the listener container factory a MessageConverter that writes and reads Avro"
                + " (docs/service-mode.md, samples), or run plain mode (<serviceMode>off</serviceMode>).");
    }
}
