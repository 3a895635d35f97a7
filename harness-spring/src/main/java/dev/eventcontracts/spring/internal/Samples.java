package dev.eventcontracts.spring.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.junit.TypeSamples;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * The messages a scenario publishes, encoded as the service reads them: good samples (records and
 * POJOs filled field by field, Avro {@code SpecificRecord}s from their schema) through the service's
 * own converter, and poison built from a good sample's properties so the converter
 * tries to read it — bytes it cannot decode, and a well-formed message of the wrong shape.
 */
public final class Samples {

    /** Message ids of published samples start with this, so the service's own publishes stand apart. */
    public static final String ID_PREFIX = "event-contracts-sample-";

    private final ListenerSetup setup;
    private final boolean avro;
    private boolean converterChecked;
    private int next;

    /** Samples for the listener. */
    public Samples(ListenerSetup setup) {
        this.setup = setup;
        this.avro = AvroSamples.isSpecificRecord(setup.payloadType());
    }

    /** One encoded message: body and AMQP properties. */
    public record Encoded(
            String messageId,
            byte[] body,
            String contentType,
            String contentEncoding,
            Map<String, Object> headers,
            String kind,
            JsonNode values) {

        /** A message whose sample values are read from its body (JSON), if at all. */
        public Encoded(
                String messageId,
                byte[] body,
                String contentType,
                String contentEncoding,
                Map<String, Object> headers,
                String kind) {
            this(messageId, body, contentType, contentEncoding, headers, kind, null);
        }

        /** The same body and properties under a new message id. */
        public Encoded withMessageId(String id) {
            return new Encoded(id, body, contentType, contentEncoding, headers, kind, values);
        }

        /** The same message under another kind (how findings name it). */
        public Encoded withKind(String newKind) {
            return new Encoded(messageId, body, contentType, contentEncoding, headers, newKind, values);
        }
    }

    /** A fresh good sample: a new business event. */
    public Encoded good() {
        int seed = ++next;
        Object payload =
                avro ? AvroSamples.sample(setup.payloadType(), seed) : TypeSamples.sample(setup.payloadType(), seed);
        Encoded m = encode(payload, "sample");
        // an Avro body is binary: the sample's field values, for comparing effects by body
        return avro
                ? new Encoded(
                        m.messageId(),
                        m.body(),
                        m.contentType(),
                        m.contentEncoding(),
                        m.headers(),
                        m.kind(),
                        AvroSamples.values(payload))
                : m;
    }

    /** Bytes the service's converter cannot decode, with a good sample's properties. */
    public Encoded undecodable() {
        Encoded template = good();
        byte[] body = "\u0000\u0001event-contracts: not a valid message {".getBytes(StandardCharsets.UTF_8);
        return new Encoded(
                id(),
                body,
                template.contentType(),
                template.contentEncoding(),
                template.headers(),
                "undecodable bytes");
    }

    /** A well-formed message of the wrong shape, with a good sample's properties. */
    public Encoded wrongShape() {
        Encoded template = good();
        String type = template.contentType() == null ? "" : template.contentType();
        byte[] body = type.contains("json")
                ? "{\"eventContractsWrongShape\":true}".getBytes(StandardCharsets.UTF_8)
                : "event-contracts: wrong shape".getBytes(StandardCharsets.UTF_8);
        return new Encoded(
                id(),
                body,
                template.contentType(),
                template.contentEncoding(),
                template.headers(),
                "a payload of the wrong shape");
    }

    /**
     * A well-formed event whose strings are blank and numbers zero: the converter reads it, and a
     * listener that validates its input fails on it every time — a failure that persists.
     */
    public Encoded blank() {
        Encoded m = encode(
                avro ? AvroSamples.blank(setup.payloadType()) : TypeSamples.blank(setup.payloadType()), "sample");
        return new Encoded(
                m.messageId(),
                m.body(),
                m.contentType(),
                m.contentEncoding(),
                m.headers(),
                "an event with blank and zero fields");
    }

    private Encoded encode(Object payload, String kind) {
        if (avro && !converterChecked) {
            AvroSamples.requireAvroConverter(setup.converter(), payload, setup.listenerName());
            converterChecked = true;
        }
        MessageProperties props = new MessageProperties();
        Message message = setup.converter().toMessage(payload, props);
        MessageProperties p = message.getMessageProperties();
        Map<String, Object> headers = new LinkedHashMap<>();
        p.getHeaders().forEach((k, v) -> headers.put(k, v == null ? null : String.valueOf(v)));
        return new Encoded(id(), message.getBody(), p.getContentType(), p.getContentEncoding(), headers, kind);
    }

    private String id() {
        return ID_PREFIX + java.util.UUID.randomUUID();
    }
}
