package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import dev.eventcontracts.kafka.wire.ApicurioGlobalIdLookup;
import dev.eventcontracts.kafka.wire.ConfluentWireFormat;
import dev.eventcontracts.kafka.wire.SchemaLookup;
import dev.eventcontracts.kafka.wire.WireFormatException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Registry framing of a contract's Kafka records (docs/kafka.md §2, §4.2): the driver frames each
 * Avro sample as magic byte {@code 0x00}, the writer schema's registry id and Avro binary — a
 * 4-byte id from the ccompat API (the Confluent wire format) or Apicurio's 8-byte global id — the
 * writer versions being registered under {@code <topic>-value}; our listener container reads the
 * frame back, looks the id up and decodes the body. A wrong-schema sample is framed with an id the
 * registry does not know; undecodable bytes are sent as they are.
 */
final class RegistryFraming {

    /** How ids are registered, looked up and written. */
    private interface Ids {
        /** Bytes of the id after the magic byte. */
        int width();

        long register(String subject, Schema schema);

        /** @throws WireFormatException UNKNOWN_SCHEMA_ID or REGISTRY_FAILED */
        Schema schema(long id);

        /** The largest id to probe for one the registry does not know. */
        long highest();

        String location();
    }

    private final ConsumerContract contract;
    private final Ids registry;
    private final String subject;
    private final Map<Long, Schema> writers = new HashMap<>();
    private final Map<Long, Long> ids = new HashMap<>();
    private Long unknownId;

    private RegistryFraming(ConsumerContract contract, Ids registry) {
        this.contract = contract;
        this.registry = registry;
        this.subject = contract.topic() + "-value";
        contract.writerSchemas().forEach(w -> writers.put(AvroCodec.schemaId(w), w));
    }

    /** The Confluent wire format: a 4-byte id from the ccompat API. */
    static RegistryFraming confluent(ConsumerContract contract, SchemaLookup ccompat) {
        return new RegistryFraming(contract, new Ids() {
            @Override
            public int width() {
                return 4;
            }

            @Override
            public long register(String subject, Schema schema) {
                return ccompat.register(subject, schema);
            }

            @Override
            public Schema schema(long id) {
                return ccompat.schema((int) id);
            }

            @Override
            public long highest() {
                return Integer.MAX_VALUE;
            }

            @Override
            public String location() {
                return ccompat.location();
            }
        });
    }

    /** Apicurio's default framing: the 8-byte global id. */
    static RegistryFraming apicurio(ConsumerContract contract, ApicurioGlobalIdLookup apicurio) {
        return new RegistryFraming(contract, new Ids() {
            @Override
            public int width() {
                return 8;
            }

            @Override
            public long register(String subject, Schema schema) {
                return apicurio.register(subject, schema);
            }

            @Override
            public Schema schema(long id) {
                return apicurio.schema(id);
            }

            @Override
            public long highest() {
                return Long.MAX_VALUE;
            }

            @Override
            public String location() {
                return apicurio.location();
            }
        });
    }

    /**
     * The Confluent-compatible API of the registry {@code registryUri} names: the embedded (or
     * Apicurio) registry's {@code /apis/registry/v2} as the plugin exports it becomes {@code
     * /apis/ccompat/v7}; any other URI (a ccompat base, a Confluent registry) is used as it is.
     */
    static URI ccompatBase(String registryUri) {
        String text = registryUri.strip().replaceAll("/+$", "");
        return URI.create(text.replaceFirst("/apis/registry/v[23]$", "/apis/ccompat/v7"));
    }

    /** The Apicurio v2 API of the registry {@code registryUri} names (a ccompat base maps back to it). */
    static URI apicurioBase(String registryUri) {
        String text = registryUri.strip().replaceAll("/+$", "");
        return URI.create(text.replaceFirst("/apis/ccompat/v[67]$", "/apis/registry/v2"));
    }

    /** {@code sample} as a framed record value (no schema id header). */
    synchronized Sample frame(Sample sample) {
        if (sample.schemaId() == null) {
            return sample;
        }
        Schema writer = writers.get(sample.schemaId());
        if (writer == null) {
            long id = unknownId();
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
     * The payload of a framed value, decoded by {@code payloads} with the writer schema its id
     * names.
     *
     * @throws UndecodableMessageException when the header is wrong, the id unknown or the body
     *     does not decode (the record goes to the dead-letter topic at once)
     */
    Object decode(byte[] value, PayloadDecoder payloads) {
        int header = 1 + registry.width();
        Schema writer;
        try {
            if (value.length < header) {
                throw new UndecodableMessageException("the record has " + value.length + " bytes, fewer than the "
                        + header + "-byte header (magic byte 0 + " + registry.width() + "-byte schema id)");
            }
            if (value[0] != ConfluentWireFormat.MAGIC_BYTE) {
                throw new UndecodableMessageException("Unknown magic byte "
                        + HexFormat.of().withPrefix("0x").formatHex(value, 0, 1)
                        + ": the record was not written with the registry framing this consumer reads");
            }
            ByteBuffer buffer = ByteBuffer.wrap(value, 1, registry.width());
            writer = registry.schema(registry.width() == 4 ? buffer.getInt() : buffer.getLong());
        } catch (WireFormatException e) {
            if (e.problem() == WireFormatException.Problem.REGISTRY_FAILED) {
                throw e; // the registry did not answer: retried like any transient failure
            }
            throw new UndecodableMessageException(e.getMessage(), e);
        }
        return payloads.decodeAvro(Arrays.copyOfRange(value, header, value.length), writer);
    }

    /** Registers every writer version, oldest first, on first use (a registry checking compatibility sees them in order). */
    private long id(Schema writer) {
        if (ids.isEmpty()) {
            for (Schema w : contract.writerSchemas()) {
                ids.put(AvroCodec.schemaId(w), registry.register(subject, w));
            }
        }
        return ids.get(AvroCodec.schemaId(writer));
    }

    /** An id the registry answers "unknown" for: the highest ones, checked. */
    private long unknownId() {
        if (unknownId == null) {
            for (long candidate = registry.highest(); unknownId == null; candidate--) {
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

    private byte[] framed(long id, byte[] body) {
        ByteBuffer out = ByteBuffer.allocate(1 + registry.width() + body.length).put(ConfluentWireFormat.MAGIC_BYTE);
        if (registry.width() == 4) {
            out.putInt((int) id);
        } else {
            out.putLong(id);
        }
        return out.put(body).array();
    }

    private static boolean decodes(Schema writer, byte[] body) {
        try {
            new AvroCodec(writer, List.of()).decodeWith(body, writer, GenericRecord.class);
            return true;
        } catch (UndecodableMessageException e) {
            return false;
        }
    }
}
