package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import dev.eventcontracts.kafka.wire.ConfluentWireFormat;
import dev.eventcontracts.kafka.wire.SchemaLookup;
import dev.eventcontracts.kafka.wire.WireFormatException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The Confluent wire format for a contract's Kafka records (docs/kafka.md §4.2): the driver frames
 * each Avro sample as magic byte, 4-byte schema id and Avro binary, the id being what the
 * registry's ccompat API gave the writer schema under subject {@code <topic>-value}; our listener
 * container reads the frame back, looks the id up and decodes the body. A wrong-schema sample is
 * framed with an id the registry does not know; undecodable bytes are sent as they are.
 */
final class ConfluentFraming {

    private final ConsumerContract contract;
    private final SchemaLookup registry;
    private final String subject;
    private final Map<Long, Schema> writers = new HashMap<>();
    private final Map<Long, Integer> ids = new HashMap<>();
    private Integer unknownId;

    ConfluentFraming(ConsumerContract contract, SchemaLookup registry) {
        this.contract = contract;
        this.registry = registry;
        this.subject = contract.topic() + "-value";
        contract.writerSchemas().forEach(w -> writers.put(AvroCodec.schemaId(w), w));
    }

    /**
     * The Confluent-compatible API of the registry {@code registryUri} names: the embedded (or
     * Apicurio) registry's {@code /apis/registry/v2} as the plugin exports it becomes {@code
     * /apis/ccompat/v7}; any other URI (a ccompat base, a Confluent registry) is used as it is.
     */
    static URI ccompatBase(String registryUri) {
        String text = registryUri.strip().replaceAll("/+$", "");
        String replaced = text.replaceFirst("/apis/registry/v[23]$", "/apis/ccompat/v7");
        return URI.create(replaced);
    }

    /** Where ids resolve, for messages. */
    String location() {
        return registry.location();
    }

    /** {@code sample} as a Confluent-framed record value (no schema id header). */
    synchronized Sample frame(Sample sample) {
        if (sample.schemaId() == null) {
            return sample;
        }
        Schema writer = writers.get(sample.schemaId());
        if (writer == null) {
            int id = unknownId();
            return new Sample(
                    framed(id, sample.body()),
                    null,
                    sample.contentType(),
                    sample.description() + " under schema id " + id + ", which the registry at " + registry.location()
                            + " does not know");
        }
        if (!decodes(writer, sample.body())) {
            return new Sample(sample.body(), null, sample.contentType(), sample.description());
        }
        return new Sample(framed(id(writer), sample.body()), null, sample.contentType(), sample.description());
    }

    /**
     * The payload of a Confluent-framed value, decoded by {@code payloads} with the writer schema
     * its id names.
     *
     * @throws UndecodableMessageException when the header is wrong, the id unknown or the body
     *     does not decode (the record goes to the dead-letter topic at once)
     */
    Object decode(byte[] value, PayloadDecoder payloads) {
        Schema writer;
        try {
            writer = registry.schema(ConfluentWireFormat.schemaId(value));
        } catch (WireFormatException e) {
            if (e.problem() == WireFormatException.Problem.REGISTRY_FAILED) {
                throw e; // the registry did not answer: retried like any transient failure
            }
            throw new UndecodableMessageException(e.getMessage(), e);
        }
        byte[] body = Arrays.copyOfRange(value, ConfluentWireFormat.HEADER_LENGTH, value.length);
        return payloads.decodeAvro(body, writer);
    }

    /** Registers every writer version, oldest first, on first use (a registry checking compatibility sees them in order). */
    private int id(Schema writer) {
        if (ids.isEmpty()) {
            for (Schema w : contract.writerSchemas()) {
                ids.put(AvroCodec.schemaId(w), registry.register(subject, w));
            }
        }
        return ids.get(AvroCodec.schemaId(writer));
    }

    /** An id the registry answers "unknown" for: the highest ints, checked. */
    private int unknownId() {
        if (unknownId == null) {
            for (int candidate = Integer.MAX_VALUE; unknownId == null; candidate--) {
                try {
                    registry.schema(candidate);
                } catch (WireFormatException e) {
                    if (e.problem() != WireFormatException.Problem.UNKNOWN_SCHEMA_ID) {
                        throw e;
                    }
                    unknownId = candidate;
                }
            }
        }
        return unknownId;
    }

    private static byte[] framed(int id, byte[] body) {
        return ByteBuffer.allocate(ConfluentWireFormat.HEADER_LENGTH + body.length)
                .put(ConfluentWireFormat.MAGIC_BYTE)
                .putInt(id)
                .put(body)
                .array();
    }

    private static boolean decodes(Schema writer, byte[] body) {
        try {
            new AvroCodec(writer, java.util.List.of()).decodeWith(body, writer, GenericRecord.class);
            return true;
        } catch (UndecodableMessageException e) {
            return false;
        }
    }
}
