package dev.eventcontracts.junit;

import dev.eventcontracts.annotations.EventConsumer;
import dev.eventcontracts.annotations.WireFormat;
import dev.eventcontracts.annotations.contract.ContractDefaults;
import dev.eventcontracts.annotations.contract.ContractScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything the contract scenarios need to know about one consumer: its handler, queue topology,
 * retry policy, idempotency key, volatile effect paths, fixture and Avro schemas.
 *
 * <p>Generated tests build it explicitly; {@link #fromAnnotation} reads an {@link EventConsumer}.
 *
 * <pre>{@code
 * ConsumerContract contract = ConsumerContract.builder(InventoryConsumer.class, "onOrderPlaced")
 *         .queue("inventory.order-placed")
 *         .binding("orders", "order.placed")
 *         .deadLetterQueue("inventory.order-placed.dlq")
 *         .maxAttempts(3)
 *         .nonRetryable(InvalidOrderException.class)
 *         .idempotencyKey("orderId")
 *         .fixture(InventoryFixture.class)
 *         .build();
 * }</pre>
 *
 * @param consumerClass the class declaring the handler
 * @param handler the handler method; its first parameter is the payload
 * @param queue the queue the consumer reads
 * @param exchange the exchange bound to the queue, or empty for the default exchange only
 * @param routingKey the binding key
 * @param deadLetterQueue the dead-letter queue, or empty for none
 * @param maxAttempts deliveries before a retryable failure is dead-lettered; 0 means the consumer
 *     requeues failed messages forever
 * @param nonRetryable exception types dead-lettered after one attempt
 * @param idempotencyKey dotted field path of the business key in the payload, or empty
 * @param ignoreEffectPaths dotted paths in effects and state that differ between runs
 * @param fixture the fixture type, or null to build the consumer with its no-arg constructor
 * @param readerSchema the schema the consumer reads with, or null when the payload is not Avro
 * @param writerSchemas every writer schema version to try in scenario (n), oldest first, ending
 *     with the reader schema; empty when the payload is not Avro
 * @param payloadFormat how messages are encoded: Avro, JSON (a record or POJO) or raw
 *     ({@code byte[]}/{@code String} the consumer decodes itself)
 * @param transport where the consumer reads: {@code AMQP} (a queue) or {@code KAFKA} (then {@code
 *     queue} holds the topic and {@code deadLetterQueue} the dead-letter topic)
 * @param orderedBy dotted field path whose records must be applied in order (Kafka), or empty
 * @param wireFormat how Kafka records frame an Avro value: schema id in a header (the default) or
 *     the Confluent wire format (docs/kafka.md §4.2)
 */
public record ConsumerContract(
        Class<?> consumerClass,
        Method handler,
        String queue,
        String exchange,
        String routingKey,
        String deadLetterQueue,
        int maxAttempts,
        List<Class<? extends Throwable>> nonRetryable,
        String idempotencyKey,
        List<String> ignoreEffectPaths,
        Class<?> fixture,
        Schema readerSchema,
        List<Schema> writerSchemas,
        PayloadFormat payloadFormat,
        ContractScenario.Transport transport,
        String orderedBy,
        WireFormat wireFormat) {

    /** Copies the lists. */
    public ConsumerContract {
        nonRetryable = List.copyOf(nonRetryable);
        ignoreEffectPaths = List.copyOf(ignoreEffectPaths);
        writerSchemas = List.copyOf(writerSchemas);
    }

    /** The payload type: the handler's first parameter. */
    public Class<?> payloadType() {
        return handler.getParameterTypes()[0];
    }

    /** The payload type with its type arguments, as JSON payloads are read. */
    public java.lang.reflect.Type genericPayloadType() {
        return handler.getGenericParameterTypes()[0];
    }

    /** {@code SimpleName#handler}, as failure messages name the consumer. */
    public String displayName() {
        return consumerClass.getSimpleName() + "#" + handler.getName();
    }

    /** True when the consumer reads a Kafka topic (then {@link #queue()} is the topic). */
    public boolean isKafka() {
        return transport == ContractScenario.Transport.KAFKA;
    }

    /** The Kafka topic, or the queue on AMQP. */
    public String topic() {
        return queue;
    }

    /** True when a dead-letter queue is declared. */
    public boolean hasDeadLetterQueue() {
        return !deadLetterQueue.isEmpty();
    }

    /**
     * Starts a contract for {@code handlerName} on {@code consumerClass}.
     *
     * @throws IllegalArgumentException when the class has no single public method of that name
     *     with at least one parameter
     */
    public static Builder builder(Class<?> consumerClass, String handlerName) {
        return new Builder(consumerClass, findHandler(consumerClass, handlerName));
    }

    /**
     * Reads the {@link EventConsumer} annotation on {@code handlerName}.
     *
     * @throws IllegalArgumentException when the method is not annotated
     */
    public static Builder fromAnnotation(Class<?> consumerClass, String handlerName) {
        Method handler = findHandler(consumerClass, handlerName);
        EventConsumer annotation = handler.getAnnotation(EventConsumer.class);
        if (annotation == null) {
            throw new IllegalArgumentException("Method '" + consumerClass.getName() + "#" + handlerName
                    + "' has no @EventConsumer annotation. Annotate it or use ConsumerContract.builder(...).");
        }
        if (!annotation.topic().isEmpty()) {
            if (!annotation.queue().isEmpty()) {
                throw new IllegalArgumentException("@EventConsumer on '" + consumerClass.getName() + "#" + handlerName
                        + "' names both queue '" + annotation.queue() + "' and topic '" + annotation.topic()
                        + "'. Keep queue for an AMQP consumer or topic for a Kafka consumer.");
            }
            return new Builder(consumerClass, handler)
                    .topic(annotation.topic())
                    .deadLetterTopic(annotation.deadLetterTopic())
                    .maxAttempts(annotation.maxAttempts())
                    .nonRetryable(annotation.nonRetryable())
                    .idempotencyKey(annotation.idempotencyKey())
                    .orderedBy(annotation.orderedBy())
                    .wireFormat(annotation.wireFormat())
                    .ignoreEffectPaths(annotation.ignoreEffectPaths());
        }
        Builder builder = new Builder(consumerClass, handler)
                .queue(annotation.queue())
                .deadLetterQueue(annotation.deadLetterQueue())
                .maxAttempts(annotation.maxAttempts())
                .nonRetryable(annotation.nonRetryable())
                .idempotencyKey(annotation.idempotencyKey())
                .ignoreEffectPaths(annotation.ignoreEffectPaths());
        if (!annotation.exchange().isEmpty()) {
            builder.binding(annotation.exchange(), annotation.routingKey());
        }
        return builder;
    }

    private static Method findHandler(Class<?> consumerClass, String handlerName) {
        List<Method> candidates = Arrays.stream(consumerClass.getMethods())
                .filter(m -> m.getName().equals(handlerName) && m.getParameterCount() >= 1)
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("Consumer '" + consumerClass.getName() + "' must have exactly one public"
                    + " method '" + handlerName + "' taking the payload as first parameter; found "
                    + candidates.size() + ".");
        }
        return candidates.get(0);
    }

    /** Builds a {@link ConsumerContract}; {@link #build()} validates and names the problem. */
    public static final class Builder {
        private final Class<?> consumerClass;
        private final Method handler;
        private String queue = "";
        private String exchange = "";
        private String routingKey = "";
        private String deadLetterQueue = "";
        private int maxAttempts = ContractDefaults.MAX_ATTEMPTS;
        private final List<Class<? extends Throwable>> nonRetryable = new ArrayList<>();
        private String idempotencyKey = "";
        private final List<String> ignoreEffectPaths = new ArrayList<>();
        private Class<?> fixture;
        private Schema readerSchema;
        private final List<Schema> previousWriterSchemas = new ArrayList<>();
        private ContractScenario.Transport transport = ContractScenario.Transport.AMQP;
        private String orderedBy = "";
        private WireFormat wireFormat = WireFormat.HEADER;

        private Builder(Class<?> consumerClass, Method handler) {
            this.consumerClass = consumerClass;
            this.handler = handler;
        }

        /** The queue the consumer reads, e.g. {@code "inventory.order-placed"}. */
        public Builder queue(String queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /**
         * The Kafka topic the consumer reads, e.g. {@code "orders.placed"}: the scenarios then run
         * on Kafka (docs/kafka.md).
         */
        public Builder topic(String topic) {
            this.queue = Objects.requireNonNull(topic, "topic");
            this.transport = ContractScenario.Transport.KAFKA;
            return this;
        }

        /** The dead-letter topic of a Kafka consumer, or empty for none. */
        public Builder deadLetterTopic(String deadLetterTopic) {
            return deadLetterQueue(deadLetterTopic);
        }

        /** Dotted path of the field whose records must be applied in order (Kafka), e.g. {@code "orderId"}. */
        public Builder orderedBy(String orderedBy) {
            this.orderedBy = Objects.requireNonNull(orderedBy, "orderedBy");
            return this;
        }

        /**
         * How the Kafka records frame an Avro value, e.g. {@code WireFormat.CONFLUENT} (magic byte
         * and a 4-byte id from the registry's ccompat API) for a consumer that reads the Confluent
         * wire format; {@code WireFormat.HEADER} (the default) puts the schema id in a header.
         */
        public Builder wireFormat(WireFormat wireFormat) {
            this.wireFormat = Objects.requireNonNull(wireFormat, "wireFormat");
            return this;
        }

        /** Binds the queue to {@code exchange} (a topic exchange) with {@code routingKey}. */
        public Builder binding(String exchange, String routingKey) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
            return this;
        }

        /** The dead-letter queue, or empty for none. */
        public Builder deadLetterQueue(String deadLetterQueue) {
            this.deadLetterQueue = Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
            return this;
        }

        /** Deliveries before a retryable failure is dead-lettered; 0 means requeue forever. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Exception types that are dead-lettered after one attempt. */
        @SafeVarargs
        public final Builder nonRetryable(Class<? extends Throwable>... types) {
            nonRetryable.addAll(Arrays.asList(types));
            return this;
        }

        /** Dotted path of the business key in the payload, e.g. {@code "orderId"}. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            return this;
        }

        /** Dotted paths in effects and state that differ between runs, e.g. {@code "shipmentId"}. */
        public Builder ignoreEffectPaths(String... paths) {
            ignoreEffectPaths.addAll(Arrays.asList(paths));
            return this;
        }

        /** The {@link ConsumerFixture} implementation with a public no-arg constructor. */
        public Builder fixture(Class<?> fixture) {
            this.fixture = fixture;
            return this;
        }

        /** The reader schema, when the payload is not a generated SpecificRecord class. */
        public Builder schema(Schema schema) {
            this.readerSchema = schema;
            return this;
        }

        /** The reader schema from an {@code .avsc} file (relative paths resolve against the working directory). */
        public Builder schemaFile(String avscPath) {
            return schema(parse(avscPath));
        }

        /** An older writer schema version of the subject, tried in scenario (n); call oldest first. */
        public Builder previousWriterSchema(Schema schema) {
            previousWriterSchemas.add(schema);
            return this;
        }

        /** An older writer schema version from an {@code .avsc} file. */
        public Builder previousWriterSchemaFile(String avscPath) {
            return previousWriterSchema(parse(avscPath));
        }

        private static Schema parse(String avscPath) {
            try {
                return new Schema.Parser().parse(Files.readString(Path.of(avscPath)));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot read Avro schema '" + avscPath + "' (working directory '"
                                + Path.of("").toAbsolutePath() + "'). Check the path in the generated test.",
                        e);
            }
        }

        /**
         * Validates and builds the contract.
         *
         * @throws IllegalArgumentException naming the offending value and the fix
         */
        public ConsumerContract build() {
            String name = consumerClass.getName() + "#" + handler.getName();
            if (queue.isBlank()) {
                throw new IllegalArgumentException("Contract of '" + name + "' has no queue. Set queue(\"...\")"
                        + " (AMQP) or topic(\"...\") (Kafka).");
            }
            if (transport == ContractScenario.Transport.KAFKA && !exchange.isEmpty()) {
                throw new IllegalArgumentException("Contract of '" + name + "' reads Kafka topic '" + queue
                        + "' but binds exchange '" + exchange + "'; Kafka has no exchanges: remove the binding.");
            }
            if (transport == ContractScenario.Transport.KAFKA && maxAttempts == 0) {
                throw new IllegalArgumentException("Contract of '" + name + "' reads Kafka topic '" + queue
                        + "' with maxAttempts 0; a Kafka record is not requeued: use 1 or more.");
            }
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("Contract of '" + name + "' has maxAttempts '" + maxAttempts
                        + "'; use 1 or more (or 0 for requeue forever).");
            }
            if (fixture != null && !ConsumerFixture.class.isAssignableFrom(fixture)) {
                throw new IllegalArgumentException("Fixture '" + fixture.getName() + "' of '" + name
                        + "' does not implement " + ConsumerFixture.class.getName() + ".");
            }
            Schema reader = readerSchema;
            Class<?> payload = handler.getParameterTypes()[0];
            if (reader == null && SpecificRecord.class.isAssignableFrom(payload)) {
                reader = SpecificData.get().getSchema(payload);
            }
            PayloadFormat format = reader != null ? PayloadFormat.AVRO : format(name, payload);
            if (format != PayloadFormat.AVRO && !previousWriterSchemas.isEmpty()) {
                throw new IllegalArgumentException("Contract of '" + name + "' has older writer schemas but no reader"
                        + " schema; give it with schemaFile(\"src/main/avro/....avsc\").");
            }
            if (wireFormat != WireFormat.HEADER
                    && (transport != ContractScenario.Transport.KAFKA || format != PayloadFormat.AVRO)) {
                throw new IllegalArgumentException("Contract of '" + name + "' declares wire format " + wireFormat
                        + " but "
                        + (transport != ContractScenario.Transport.KAFKA
                                ? "reads AMQP queue '" + queue + "'"
                                : "its payload " + payload.getSimpleName() + " is " + format + ", not Avro")
                        + "; the wire format frames Avro records on Kafka only. Remove wireFormat, or read a"
                        + " topic with an Avro payload.");
            }
            List<Schema> writers = new ArrayList<>(previousWriterSchemas);
            if (reader != null) {
                writers.add(reader);
            }
            return new ConsumerContract(
                    consumerClass,
                    handler,
                    queue,
                    exchange,
                    routingKey,
                    deadLetterQueue,
                    maxAttempts,
                    nonRetryable,
                    idempotencyKey,
                    ignoreEffectPaths,
                    fixture,
                    reader,
                    writers,
                    format,
                    transport,
                    orderedBy,
                    wireFormat);
        }

        /** The format of a payload without an Avro schema: raw bytes/text, or JSON for a record or POJO. */
        private static PayloadFormat format(String name, Class<?> payload) {
            if (payload == byte[].class || payload == String.class) {
                return PayloadFormat.RAW;
            }
            if (org.apache.avro.generic.IndexedRecord.class.isAssignableFrom(payload)) {
                throw new IllegalArgumentException("Contract of '" + name + "' has payload type '" + payload.getName()
                        + "', an Avro record without a generated class. Give the schema with"
                        + " schemaFile(\"src/main/avro/....avsc\").");
            }
            boolean platform =
                    payload.getName().startsWith("java.") || payload.getName().startsWith("javax.");
            if (payload.isPrimitive()
                    || payload.isArray()
                    || payload.isInterface()
                    || java.lang.reflect.Modifier.isAbstract(payload.getModifiers())
                    || platform) {
                throw new IllegalArgumentException("Contract of '" + name + "' has payload type '" + payload.getName()
                        + "', which contract tests cannot build messages for. Take a generated Avro class, a Java"
                        + " record or POJO (sent as JSON), or byte[]/String with samples from the fixture.");
            }
            return PayloadFormat.JSON;
        }
    }
}
