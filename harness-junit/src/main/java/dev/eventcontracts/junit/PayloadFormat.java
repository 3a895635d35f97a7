package dev.eventcontracts.junit;

/**
 * How the contract scenarios encode a consumer's payload (docs/contract-tests.md, "Payload
 * types"). {@link ConsumerContract.Builder#build()} picks it from the handler's payload parameter.
 */
public enum PayloadFormat {
    /**
     * Avro binary with the writer schema's id in a header: a generated {@code SpecificRecord}, or
     * a {@code GenericRecord}/{@code byte[]} payload with a schema file.
     */
    AVRO,
    /**
     * JSON written with Jackson: a Java record or POJO; samples are built from the type, our
     * container reads the body into it.
     */
    JSON,
    /**
     * {@code byte[]} or {@code String} without a schema: the consumer decodes the body itself, so
     * only the fixture's {@link ConsumerFixture#samples()} can give it good messages.
     */
    RAW
}
