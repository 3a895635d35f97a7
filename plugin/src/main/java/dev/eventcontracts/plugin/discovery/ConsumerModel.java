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
 * @param schema how the payload's Avro schema is found
 * @param previousWriterSchemas older writer versions of the payload schema ({@code .avsc} files)
 * @param file the source file of the handler
 * @param line the line of the handler
 * @param kafka true when the consumer reads a Kafka topic: {@code queue} is the topic, {@code
 *     deadLetterQueue} the dead-letter topic, and the generated test runs the Kafka scenarios
 * @param orderedBy the field path whose records must be applied in order (Kafka), or empty
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
        String orderedBy) {

    /** Copies the lists and checks the required parts. */
    public ConsumerModel {
        Objects.requireNonNull(consumerClass, "consumerClass");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(schema, "schema");
        nonRetryable = List.copyOf(nonRetryable);
        ignoreEffectPaths = List.copyOf(ignoreEffectPaths);
        previousWriterSchemas = List.copyOf(previousWriterSchemas);
        orderedBy = orderedBy == null ? "" : orderedBy;
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

    /**
     * Where the payload's Avro schema comes from.
     *
     * @param fullName the schema's full name
     * @param specificRecord true when the payload is a generated SpecificRecord class (the schema
     *     is read from the class at run time)
     * @param avscFile the {@code .avsc} file, or null when only the class is known
     */
    public record SchemaSource(String fullName, boolean specificRecord, Path avscFile) {}
}
