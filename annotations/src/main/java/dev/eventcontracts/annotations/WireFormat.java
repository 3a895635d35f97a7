package dev.eventcontracts.annotations;

/**
 * How the value of a Kafka record carries its Avro writer schema, as the consumer's deserializer
 * expects it (docs/kafka.md §2, §4.2): {@code @EventConsumer(topic = "orders.placed", wireFormat =
 * WireFormat.CONFLUENT)}. Only Avro payloads are framed; JSON and raw payloads are sent as they are.
 */
public enum WireFormat {

    /**
     * Avro binary as the value, the writer schema's id (its parsing fingerprint) in the record
     * header {@code ec-schema-id}: the format of the contract tests' own driver. The default.
     */
    HEADER,

    /**
     * The Confluent wire format: magic byte {@code 0x00}, the 4-byte schema id the registry's
     * Confluent-compatible API ({@code /apis/ccompat/v7}) gave the writer schema, then Avro binary;
     * what Confluent's {@code KafkaAvroSerializer} (and Apicurio's serializer with {@code
     * apicurio.registry.as-confluent=true}, {@code use-id=contentId}) writes. The contract tests
     * need a registry: {@code eventcontracts.registry.uri}, set by the plugin's {@code start} goal.
     */
    CONFLUENT,

    /**
     * Apicurio's default framing: magic byte {@code 0x00}, the writer schema's 8-byte <em>global
     * id</em> from the registry's Apicurio v2 API, then Avro binary; what Apicurio's {@code
     * AvroKafkaSerializer} writes without further settings. Needs {@code eventcontracts.registry.uri}
     * like {@link #CONFLUENT}.
     */
    APICURIO
}
