package dev.eventcontracts.junit.internal.scenario;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer.Incoming;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.json.JsonCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Calls the consumer's handler for one delivery: decodes the body into the payload type (raw
 * bytes or text, a GenericRecord or a generated SpecificRecord, a record or POJO read from JSON
 * with Jackson) and fills further parameters by type
 * ({@link AMQP.BasicProperties}, {@link Envelope}, headers {@link Map}); an asynchronous result
 * ({@code CompletionStage}, Reactor {@code Mono}, Mutiny {@code Uni}) is awaited, so the delivery
 * is acked when it completes and failed when it fails.
 */
final class HandlerInvoker {

    private final Method handler;
    private final PayloadDecoder payloads;
    private final java.time.Duration timeout;

    /**
     * @param codec the Avro codec, or null when the payload is not Avro
     * @param json the JSON codec for record and POJO payloads
     */
    HandlerInvoker(ConsumerContract contract, AvroCodec codec, JsonCodec json, java.time.Duration timeout) {
        this.handler = contract.handler();
        this.payloads = new PayloadDecoder(contract, codec, json);
        this.timeout = timeout;
        handler.setAccessible(true);
        for (Class<?> type : handler.getParameterTypes()) {
            if (type != handler.getParameterTypes()[0] && !supported(type)) {
                throw new IllegalArgumentException(
                        "Handler '" + handler + "' has a parameter of type '" + type.getName()
                                + "'; contract tests can pass the payload, AMQP.BasicProperties, Envelope or the headers Map.");
            }
        }
    }

    private static boolean supported(Class<?> type) {
        return type == AMQP.BasicProperties.class || type == Envelope.class || type == Map.class;
    }

    void invoke(Object consumer, Incoming incoming) throws Exception {
        Class<?>[] types = handler.getParameterTypes();
        Object[] args = new Object[types.length];
        args[0] = payload(incoming);
        for (int i = 1; i < types.length; i++) {
            args[i] = types[i] == Envelope.class
                    ? incoming.envelope()
                    : types[i] == Map.class ? incoming.properties().getHeaders() : incoming.properties();
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

    private Object payload(Incoming incoming) {
        Map<String, Object> headers = incoming.properties().getHeaders();
        Object id = headers == null ? null : headers.get(AvroCodec.SCHEMA_ID_HEADER);
        Long schemaId = id instanceof Number n
                ? Long.valueOf(n.longValue())
                : id == null ? null : PayloadDecoder.parseSchemaId(id.toString());
        return payloads.decode(incoming.body(), schemaId);
    }
}
