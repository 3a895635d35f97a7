package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.json.JsonCodec;
import java.nio.charset.StandardCharsets;

/**
 * Turns a message body into the handler's payload, whatever carries it (an AMQP delivery or a
 * Kafka record): raw bytes or text as they are, a record or POJO read from JSON with Jackson, a
 * GenericRecord or generated SpecificRecord decoded with the writer schema the message names
 * (docs/contract-tests.md, "Samples"; docs/kafka.md §4.2).
 */
final class PayloadDecoder {

    private final ConsumerContract contract;
    private final AvroCodec codec;
    private final JsonCodec json;

    /**
     * @param codec the Avro codec, or null when the payload is not Avro
     * @param json the JSON codec for record and POJO payloads
     */
    PayloadDecoder(ConsumerContract contract, AvroCodec codec, JsonCodec json) {
        this.contract = contract;
        this.codec = codec;
        this.json = json;
    }

    /**
     * The payload in {@code body}.
     *
     * @param schemaId the Avro writer schema id the message names, or null (Avro only)
     * @throws dev.eventcontracts.junit.internal.codec.UndecodableMessageException when the body
     *     does not decode into the payload type
     */
    Object decode(byte[] body, Long schemaId) {
        Class<?> type = contract.payloadType();
        if (type == byte[].class) {
            return body;
        }
        return switch (contract.payloadFormat()) {
            case RAW -> new String(body, StandardCharsets.UTF_8);
            case JSON -> json.read(body, contract.genericPayloadType());
            case AVRO -> codec.decode(body, schemaId, type);
        };
    }

    /**
     * An Avro payload in {@code body} written with {@code writer}, the schema a registry id named
     * (the Confluent wire format).
     */
    Object decodeAvro(byte[] body, org.apache.avro.Schema writer) {
        return codec.decodeWith(body, writer, contract.payloadType());
    }

    /** A schema id header's text as a number; {@link Long#MIN_VALUE} (an unknown id) when it is not one. */
    static Long parseSchemaId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
