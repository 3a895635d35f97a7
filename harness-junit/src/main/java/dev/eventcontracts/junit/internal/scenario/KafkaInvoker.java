package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Calls a Kafka consumer's handler for one record, as our Kafka listener container does: decodes
 * the value into the payload type as the AMQP invoker does ({@link PayloadDecoder}: raw bytes or
 * text, a record or POJO from JSON, a GenericRecord or generated SpecificRecord whose writer
 * schema's id is in header {@value AvroCodec#SCHEMA_ID_HEADER}, or in the Confluent frame, {@link
 * RegistryFraming}) and fills further
 * parameters by type ({@link ConsumerRecord}, Kafka {@link Headers}, or the headers as a {@code
 * Map<String, String>}); an asynchronous result is awaited.
 */
final class KafkaInvoker {

    private final Method handler;
    private final PayloadDecoder payloads;
    private final RegistryFraming framing;
    private final Duration timeout;

    /** @param framing the registry framing of the values, or null when the schema id is in a header */
    KafkaInvoker(ConsumerContract contract, PayloadDecoder payloads, RegistryFraming framing, Duration timeout) {
        this.handler = contract.handler();
        this.payloads = payloads;
        this.framing = framing;
        this.timeout = timeout;
        handler.setAccessible(true);
        Class<?>[] types = handler.getParameterTypes();
        for (int i = 1; i < types.length; i++) {
            if (types[i] != ConsumerRecord.class && types[i] != Headers.class && types[i] != Map.class) {
                throw new IllegalArgumentException("Handler '" + handler + "' has a parameter of type '"
                        + types[i].getName() + "'; Kafka contract tests pass the payload, then ConsumerRecord,"
                        + " Headers or the headers as a Map<String, String>.");
            }
        }
    }

    /** The writer schema id a record names, or null when it names none (then the reader schema is used). */
    static Long schemaId(Headers headers) {
        Header header = headers.lastHeader(AvroCodec.SCHEMA_ID_HEADER);
        if (header == null) {
            return null;
        }
        return PayloadDecoder.parseSchemaId(new String(header.value(), StandardCharsets.UTF_8));
    }

    void invoke(Object consumer, ConsumerRecord<byte[], byte[]> record) throws Exception {
        Class<?>[] types = handler.getParameterTypes();
        Object[] args = new Object[types.length];
        args[0] = framing == null || types[0] == byte[].class
                ? payloads.decode(record.value(), schemaId(record.headers()))
                : framing.decode(record.value(), payloads);
        for (int i = 1; i < types.length; i++) {
            args[i] = types[i] == ConsumerRecord.class
                    ? record
                    : types[i] == Headers.class ? record.headers() : textHeaders(record.headers());
        }
        Object result;
        try {
            result = handler.invoke(consumer, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
        Completion.await(result, timeout, handler.getDeclaringClass().getSimpleName() + "#" + handler.getName());
    }

    private static Map<String, String> textHeaders(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }
}
