package dev.eventcontracts.spring.kafka;

import dev.eventcontracts.junit.TypeSamples;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The records a scenario produces, encoded as the service reads them: good samples as JSON by the
 * service's own Jackson mapper (Jackson 3 {@code JsonMapper} or Jackson 2 {@code ObjectMapper} bean,
 * else a plain one) with Spring's {@code __TypeId__} header when the consumer names no default
 * type; and poison — bytes no deserializer reads, a JSON object of the wrong shape, and a
 * well-formed event whose strings are blank and numbers zero. A raw {@code String} or {@code byte[]}
 * payload, which the service decodes itself, takes its good samples from the fixture's {@code
 * samples()}, each used once, written as UTF-8 or as they are (docs/kafka.md §5.2).
 */
final class KafkaSamples {

    /** One record to produce. */
    record Sample(String id, String key, byte[] value, Map<String, byte[]> headers, String kind) {
        /** The same value under a new key and an extra header: scenario (e). */
        Sample withNewKeyAndHeader() {
            Map<String, byte[]> h = new LinkedHashMap<>(headers);
            h.put("event-contracts-resent", "true".getBytes(StandardCharsets.UTF_8));
            h.put(TopicObserver.SAMPLE_HEADER, ("resent-" + id).getBytes(StandardCharsets.UTF_8));
            return new Sample("resent-" + id, key + "-resent", value, h, kind);
        }
    }

    private final KafkaListenerSetup setup;
    private final Object mapper;
    private final Method write;
    private final String orderedBy;
    private final List<?> userGood;
    private final ApicurioAvro avro;
    private int next;
    private int nextUser;

    /** Thrown when a raw payload's fixture samples are all used: each run needs a new event. */
    static final class UsedUp extends IllegalStateException {
        UsedUp(int supplied) {
            super("used up the " + supplied + " samples() of its fixture: each run needs a new event");
        }
    }

    KafkaSamples(ConfigurableApplicationContext context, KafkaListenerSetup setup, String orderedBy, List<?> userGood) {
        this.setup = setup;
        this.orderedBy = orderedBy;
        this.userGood = List.copyOf(userGood);
        Object m = bean(context, "tools.jackson.databind.json.JsonMapper");
        if (m == null) {
            m = bean(context, "com.fasterxml.jackson.databind.ObjectMapper");
        }
        if (m == null) {
            m = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
        }
        mapper = m;
        avro = ApicurioAvro.forService(context, setup);
        try {
            write = mapper.getClass().getMethod("writeValueAsBytes", Object.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("JSON mapper " + mapper.getClass() + " has no writeValueAsBytes", e);
        }
    }

    private static Object bean(ConfigurableApplicationContext context, String type) {
        try {
            Class<?> c = Class.forName(type, false, context.getClassLoader());
            return context.getBeanProvider(c).getIfAvailable();
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** True when the payload is a raw {@code String} or {@code byte[]} the service decodes itself. */
    boolean raw() {
        return KafkaListenerSetup.isRaw(setup.payloadType());
    }

    /** True when the samples are Avro records written by Apicurio's serializer. */
    boolean avro() {
        return avro != null;
    }

    /** How many good samples the fixture supplies (for raw payloads). */
    int userGoodCount() {
        return userGood.size();
    }

    /** A fresh good event. */
    Sample good() {
        return good(null);
    }

    /** A fresh good event with the given ordering key. */
    Sample good(String key) {
        if (raw()) {
            return userGood(key);
        }
        Object payload = avro != null
                ? avro.sample(setup.payloadType(), ++next)
                : TypeSamples.sample(setup.payloadType(), ++next);
        return encode(payload, key, "a good event");
    }

    /**
     * A good event written with the older writer schema in {@code avscPath}, by Apicurio's
     * serializer (which registers that version): scenario (n).
     */
    Sample written(String avscPath, int index, String kind) {
        if (avro == null) {
            throw new IllegalStateException("older writer versions need an Avro payload read by Apicurio's"
                    + " AvroKafkaDeserializer; " + setup.payloadType().getName() + " is not");
        }
        return encode(avro.written(avscPath, index), null, kind);
    }

    /** Bytes no JSON deserializer reads. */
    Sample undecodable() {
        byte[] value = "\u0000\u0001event-contracts: not a valid record {".getBytes(StandardCharsets.UTF_8);
        if (raw()) {
            return rawSample(value, null, "undecodable bytes");
        }
        Sample template = newId(good());
        return new Sample(template.id(), template.key(), value, template.headers(), "undecodable bytes");
    }

    /** A well-formed JSON object of the wrong shape. */
    Sample wrongShape() {
        byte[] value = "{\"eventContractsWrongShape\":true}".getBytes(StandardCharsets.UTF_8);
        if (raw()) {
            return rawSample(value, null, "a payload of the wrong shape");
        }
        Sample template = newId(good());
        return new Sample(template.id(), template.key(), value, template.headers(), "a payload of the wrong shape");
    }

    /** A well-formed event with blank strings and zero numbers: a listener that validates fails on it. */
    Sample blank(String key) {
        if (raw()) {
            return rawSample(new byte[0], key, "an empty value");
        }
        Object payload = avro != null ? avro.blank(setup.payloadType()) : TypeSamples.blank(setup.payloadType());
        return encode(payload, key, "an event with blank and zero fields");
    }

    /**
     * One of the business-invalid samples of the service's fixture ({@code
     * ServiceFixture#poisonSamples()}): an instance of the payload type written like a good sample,
     * or a {@code byte[]} value sent as it is with a good sample's headers.
     */
    Sample user(Object sample, String kind) {
        if (raw()) {
            return rawSample(sample, null, kind);
        }
        if (sample instanceof byte[] value) {
            Sample template = newId(good());
            return new Sample(template.id(), template.key(), value, template.headers(), kind);
        }
        return encode(sample, null, kind);
    }

    private Sample userGood(String key) {
        if (nextUser >= userGood.size()) {
            throw new UsedUp(userGood.size());
        }
        nextUser++;
        return rawSample(userGood.get(nextUser - 1), key, "a good event (sample #" + nextUser + " of the fixture)");
    }

    /** A raw value: {@code byte[]} as it is, anything else as its UTF-8 text; no type header. */
    private static Sample rawSample(Object value, String key, String kind) {
        String id = "event-contracts-sample-" + UUID.randomUUID();
        byte[] bytes = value instanceof byte[] b ? b : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(TopicObserver.SAMPLE_HEADER, id.getBytes(StandardCharsets.UTF_8));
        return new Sample(id, key != null ? key : id, bytes, headers, kind);
    }

    private Sample newId(Sample template) {
        String id = "event-contracts-sample-" + UUID.randomUUID();
        Map<String, byte[]> h = new LinkedHashMap<>(template.headers());
        h.put(TopicObserver.SAMPLE_HEADER, id.getBytes(StandardCharsets.UTF_8));
        return new Sample(id, template.key(), template.value(), h, template.kind());
    }

    private Sample encode(Object payload, String key, String kind) {
        String id = "event-contracts-sample-" + UUID.randomUUID();
        if (avro != null) {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            headers.put(TopicObserver.SAMPLE_HEADER, id.getBytes(StandardCharsets.UTF_8));
            byte[] value = avro.serialize(setup.topic(), payload, headers);
            return new Sample(id, key != null ? key : id, value, headers, kind);
        }
        byte[] value;
        try {
            value = (byte[]) write.invoke(mapper, payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot write a " + setup.payloadType().getName() + " sample as JSON with "
                            + mapper.getClass().getName() + ": " + e.getCause(),
                    e);
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(TopicObserver.SAMPLE_HEADER, id.getBytes(StandardCharsets.UTF_8));
        if (!setup.consumerConfig().containsKey("spring.json.value.default.type")) {
            headers.put("__TypeId__", setup.payloadType().getName().getBytes(StandardCharsets.UTF_8));
        }
        String k = key != null ? key : orderingKey(payload).orElse(id);
        return new Sample(id, k, value, headers, kind);
    }

    /** The value of the {@code orderedBy} field of {@code payload}, the record key of ordered listeners. */
    java.util.Optional<String> orderingKey(Object payload) {
        if (orderedBy.isEmpty() || payload == null) {
            return java.util.Optional.empty();
        }
        if (payload.getClass().isRecord()) {
            for (RecordComponent c : payload.getClass().getRecordComponents()) {
                if (c.getName().equals(orderedBy)) {
                    try {
                        return java.util.Optional.of(
                                String.valueOf(c.getAccessor().invoke(payload)));
                    } catch (ReflectiveOperationException e) {
                        return java.util.Optional.empty();
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }
}
