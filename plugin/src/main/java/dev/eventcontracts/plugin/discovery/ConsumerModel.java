package dev.eventcontracts.plugin.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One message consumer as discovery understood it: the handler, its payload and schema, the queue
 * topology, the retry policy, the idempotency key and the fixture.
 *
 * @param consumerClass canonical name, e.g. {@code com.example.InventoryConsumer}
 * @param packageName the package of the consumer's source file
 * @param handler the handler method name
 * @param payloadType fully qualified payload type, e.g. {@code com.example.OrderPlaced}
 * @param annotation simple name of the annotation it was found by, e.g. {@code EventConsumer}
 * @param queue the queue (or topic/channel) name
 * @param exchange the bound exchange, or empty
 * @param routingKey the binding key, or empty
 * @param deadLetterQueue the dead-letter queue, or empty
 * @param maxAttempts deliveries before dead-lettering; 0 means requeue forever
 * @param nonRetryable fully qualified non-retryable exception types
 * @param idempotencyKey dotted path of the business key, or empty
 * @param ignoreEffectPaths volatile effect paths
 * @param fixtureClass fully qualified {@code ConsumerFixture} implementation, or null
 * @param schema how the payload is encoded: its Avro schema, or JSON, or raw bytes/text
 * @param previousWriterSchemas older writer versions of the payload schema ({@code .avsc} files)
 * @param file the source file of the handler
 * @param line the line of the handler
 * @param kafka true when the consumer reads a Kafka topic: {@code queue} is the topic, {@code
 *     deadLetterQueue} the dead-letter topic, and the generated test runs the Kafka scenarios
 * @param orderedBy the field path whose records must be applied in order (Kafka), or empty
 * @param wireFormat the {@code WireFormat} constant the Kafka records are framed with (e.g. {@code
 *     CONFLUENT}), or empty for the default (schema id in a header)
 */
public record ConsumerModel(
        String consumerClass,
        String packageName,
        String handler,
        String payloadType,
        String annotation,
        String queue,
        String exchange,
        String routingKey,
        String deadLetterQueue,
        int maxAttempts,
        List<String> nonRetryable,
        String idempotencyKey,
        List<String> ignoreEffectPaths,
        String fixtureClass,
        SchemaSource schema,
        List<Path> previousWriterSchemas,
        Path file,
        int line,
        boolean kafka,
        String orderedBy,
        String wireFormat) {

    /** Copies the lists and checks the required parts. */
    public ConsumerModel {
        Objects.requireNonNull(consumerClass, "consumerClass");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(schema, "schema");
        nonRetryable = List.copyOf(nonRetryable);
        ignoreEffectPaths = List.copyOf(ignoreEffectPaths);
        previousWriterSchemas = List.copyOf(previousWriterSchemas);
        orderedBy = orderedBy == null ? "" : orderedBy;
        wireFormat = wireFormat == null ? "" : wireFormat;
    }

    /** An AMQP consumer (no topic, no order). */
    public ConsumerModel(
            String consumerClass,
            String packageName,
            String handler,
            String payloadType,
            String annotation,
            String queue,
            String exchange,
            String routingKey,
            String deadLetterQueue,
            int maxAttempts,
            List<String> nonRetryable,
            String idempotencyKey,
            List<String> ignoreEffectPaths,
            String fixtureClass,
            SchemaSource schema,
            List<Path> previousWriterSchemas,
            Path file,
            int line) {
        this(
                consumerClass,
                packageName,
                handler,
                payloadType,
                annotation,
                queue,
                exchange,
                routingKey,
                deadLetterQueue,
                maxAttempts,
                nonRetryable,
                idempotencyKey,
                ignoreEffectPaths,
                fixtureClass,
                schema,
                previousWriterSchemas,
                file,
                line,
                false,
                "",
                "");
    }

    /** The simple name of the consumer class. */
    public String consumerSimpleName() {
        return consumerClass.substring(consumerClass.lastIndexOf('.') + 1);
    }

    /** {@code com.example.InventoryConsumer#onOrderPlaced}. */
    public String id() {
        return consumerClass + "#" + handler;
    }

    /** How the scenarios encode a payload (docs/contract-tests.md, "Payload types"). */
    public enum PayloadKind {
        /** Avro binary: a generated SpecificRecord class, or an {@code .avsc} with the type's full name. */
        AVRO,
        /** JSON written with Jackson: a Java record or POJO. */
        JSON,
        /** {@code byte[]} or {@code String} the consumer decodes itself; needs the fixture's samples. */
        RAW
    }

    /**
     * Where the payload's schema comes from.
     *
     * @param fullName the schema's full name (the payload type's name for JSON and raw payloads)
     * @param specificRecord true when the payload is a generated SpecificRecord class (the schema
     *     is read from the class at run time)
     * @param avscFile the {@code .avsc} file, or null when only the class is known or the payload
     *     is not Avro
     * @param kind Avro, JSON or raw
     */
    public record SchemaSource(String fullName, boolean specificRecord, Path avscFile, PayloadKind kind) {

        /** An Avro payload. */
        public SchemaSource(String fullName, boolean specificRecord, Path avscFile) {
            this(fullName, specificRecord, avscFile, PayloadKind.AVRO);
        }

        /** True for Avro payloads, the only ones with a schema and writer versions. */
        public boolean avro() {
            return kind == PayloadKind.AVRO;
        }
    }
}
