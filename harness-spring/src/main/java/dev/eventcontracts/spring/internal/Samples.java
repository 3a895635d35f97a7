package dev.eventcontracts.spring.internal;

import dev.eventcontracts.junit.TypeSamples;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * The messages a scenario publishes, encoded as the service reads them: good samples through the
 * service's own converter, and poison built from a good sample's properties so the converter
 * tries to read it — bytes it cannot decode, and a well-formed message of the wrong shape.
 */
public final class Samples {

    /** Message ids of published samples start with this, so the service's own publishes stand apart. */
    public static final String ID_PREFIX = "event-contracts-sample-";

    private final ListenerSetup setup;
    private int next;

    /** Samples for the listener. */
    public Samples(ListenerSetup setup) {
        this.setup = setup;
    }

    /** One encoded message: body and AMQP properties. */
    public record Encoded(
            String messageId,
            byte[] body,
            String contentType,
            String contentEncoding,
            Map<String, Object> headers,
            String kind) {

        /** The same body and properties under a new message id. */
        public Encoded withMessageId(String id) {
            return new Encoded(id, body, contentType, contentEncoding, headers, kind);
        }
    }

    /** A fresh good sample: a new business event. */
    public Encoded good() {
        int seed = ++next;
        Object payload = TypeSamples.sample(setup.payloadType(), seed);
        return encode(payload, "sample");
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
        Encoded m = encode(TypeSamples.blank(setup.payloadType()), "sample");
        return new Encoded(
                m.messageId(),
                m.body(),
                m.contentType(),
                m.contentEncoding(),
                m.headers(),
                "an event with blank and zero fields");
    }

    private Encoded encode(Object payload, String kind) {
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
