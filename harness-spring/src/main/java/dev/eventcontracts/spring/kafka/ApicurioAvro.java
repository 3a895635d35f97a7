package dev.eventcontracts.spring.kafka;

import dev.eventcontracts.spring.internal.AvroSamples;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Avro samples for a service whose value deserializer is Apicurio's {@code AvroKafkaDeserializer}
 * (itself or as the delegate of an {@code ErrorHandlingDeserializer}): records of the listener's
 * {@code SpecificRecord} type built by plain mode's sample generator, written by Apicurio's own
 * {@code AvroKafkaSerializer} from the service's class path, configured with the service's
 * consumer properties (so the same registry, {@code eventcontracts.registry.uri}, and the same
 * id handling) and registering the schema when it is missing (docs/kafka.md §5.2). Reached by
 * reflection: harness-spring brings no Apicurio of its own.
 */
final class ApicurioAvro {

    static final String DESERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaDeserializer";
    private static final String SERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaSerializer";

    private final Object serializer;
    private final Method serialize;

    private ApicurioAvro(Object serializer, Method serialize) {
        this.serializer = serializer;
        this.serialize = serialize;
    }

    /** The serializer matching the service's deserializer, or null when the service does not read Apicurio Avro. */
    static ApicurioAvro forService(ConfigurableApplicationContext context, KafkaListenerSetup setup) {
        if (!DESERIALIZER.equals(setup.valueDeserializer()) && !DESERIALIZER.equals(setup.valueDelegate())) {
            return null;
        }
        if (!AvroSamples.isSpecificRecord(setup.payloadType())) {
            throw new IllegalStateException("The listener of '" + setup.topic() + "' reads values with Apicurio's"
                    + " AvroKafkaDeserializer, but its payload "
                    + setup.payloadType().getName() + " is no Avro"
                    + " SpecificRecord: Kafka service mode builds Avro samples from a generated record class. Take"
                    + " the generated class as the parameter and set apicurio.registry.use-specific-avro-reader=true.");
        }
        Map<String, Object> config = new HashMap<>();
        setup.consumerConfig().forEach((k, v) -> {
            if (k.startsWith("apicurio.")) {
                config.put(k, v);
            }
        });
        config.put("apicurio.registry.auto-register", "true");
        try {
            Class<?> type = Class.forName(SERIALIZER, true, context.getClassLoader());
            Object serializer = type.getDeclaredConstructor().newInstance();
            type.getMethod("configure", Map.class, boolean.class).invoke(serializer, config, false);
            return new ApicurioAvro(serializer, type.getMethod("serialize", String.class, Headers.class, Object.class));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "Cannot configure Apicurio's AvroKafkaSerializer like the service's deserializer " + config + ": "
                            + e.getCause() + ". Check apicurio.registry.url (e.g."
                            + " spring.kafka.consumer.properties.apicurio.registry.url=${eventcontracts.registry.uri}).",
                    e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(
                    "The service reads values with Apicurio's AvroKafkaDeserializer but " + SERIALIZER + " cannot be"
                            + " loaded from its class path (" + e + "): it is in"
                            + " io.apicurio:apicurio-registry-serdes-avro-serde, like the deserializer.",
                    e);
        }
    }

    Object sample(Class<?> type, int index) {
        return AvroSamples.sample(type, index);
    }

    /** Sample number {@code index} of the older writer schema in {@code avscPath}, as a record of that schema. */
    Object written(String avscPath, int index) {
        return AvroSamples.written(avscPath, index);
    }

    Object blank(Class<?> type) {
        return AvroSamples.blank(type);
    }

    /** {@code record} as Apicurio writes it for {@code topic}; headers it writes are added to {@code headers}. */
    byte[] serialize(String topic, Object record, Map<String, byte[]> headers) {
        RecordHeaders written = new RecordHeaders();
        try {
            byte[] value = (byte[]) serialize.invoke(serializer, topic, written, record);
            for (Header h : written) {
                headers.put(h.key(), h.value());
            }
            return value;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "Apicurio's AvroKafkaSerializer cannot write a "
                            + record.getClass().getName() + " sample for '" + topic + "': " + e.getCause()
                            + ". Is the registry at apicurio.registry.url running?",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot call Apicurio's AvroKafkaSerializer: " + e, e);
        }
    }
}
