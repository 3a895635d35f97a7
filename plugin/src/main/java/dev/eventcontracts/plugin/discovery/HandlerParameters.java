package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * The parameters of a handler as the plain-mode listener container can fill them: the payload
 * first (the parameter annotated {@code @Payload}, else the first one that is not a header, a
 * Spring {@code Message} or an AMQP {@code Channel}), then any of {@code AMQP.BasicProperties},
 * {@code Envelope} and the headers {@code Map} on AMQP; on Kafka Kafka's {@code ConsumerRecord},
 * {@code Headers} and the headers {@code Map}, as {@code KafkaInvoker} fills them (docs/kafka.md
 * §4.1). Anything else — a Spring {@code Message}, a {@code Channel}, a single {@code @Header}
 * value — is refused at generation time with a finding, rather than a contract test that errors in
 * every scenario.
 */
final class HandlerParameters {

    private static final List<String> FILLABLE = List.of(
            "com.rabbitmq.client.AMQP.BasicProperties",
            "com.rabbitmq.client.AMQP$BasicProperties",
            "com.rabbitmq.client.Envelope",
            "java.util.Map");

    private static final List<String> FILLABLE_ON_KAFKA = List.of(
            "org.apache.kafka.clients.consumer.ConsumerRecord",
            "org.apache.kafka.common.header.Headers",
            "java.util.Map");

    private HandlerParameters() {}

    /**
     * The outcome.
     *
     * @param payload the payload parameter, if any
     * @param refusal why the container cannot call this handler, or empty
     */
    record Reading(Optional<Parameter> payload, String refusal) {}

    /**
     * Reads the handler's parameters.
     *
     * @param kafka true when the consumer reads a Kafka topic (our Kafka container fills its parameters)
     */
    static Reading read(MethodDeclaration method, boolean kafka) {
        List<Parameter> params = method.getParameters();
        Optional<Parameter> payload = params.stream()
                .filter(p -> annotated(p, "Payload"))
                .findFirst()
                .or(() -> params.stream()
                        .filter(p -> !annotated(p, "Header")
                                && !annotated(p, "Headers")
                                && !framework(p)
                                && !(kafka && kafkaFillable(p)))
                        .findFirst());
        if (payload.isEmpty()) {
            return new Reading(payload, "");
        }
        if (params.indexOf(payload.get()) != 0) {
            return new Reading(
                    payload,
                    "its payload '" + payload.get().getNameAsString() + "' is not the first parameter; the plain"
                            + " listener container passes the payload first.");
        }
        for (Parameter p : params.subList(1, params.size())) {
            String type = TypeNames.qualified(p.getType()).replaceAll("<.*>", "");
            boolean headersMap =
                    type.equals("java.util.Map") || p.getType().asString().startsWith("Map");
            boolean fillable =
                    kafka ? kafkaFillable(p) || headersMap : FILLABLE.contains(type) || headersMap || simpleFillable(p);
            if (annotated(p, "Header") || !fillable) {
                return new Reading(
                        payload,
                        "parameter '" + p.getNameAsString() + "' ("
                                + (annotated(p, "Header") ? "@Header " : "")
                                + p.getType().asString()
                                + ") cannot be filled by the plain listener container, which passes the payload, "
                                + (kafka
                                        ? "ConsumerRecord, Headers (Kafka's) and the headers Map."
                                        : "AMQP.BasicProperties, Envelope and the headers Map."));
            }
        }
        return new Reading(payload, "");
    }

    /** Kafka's {@code ConsumerRecord} (any type arguments) or {@code Headers}, by name or as imported. */
    private static boolean kafkaFillable(Parameter p) {
        String type = TypeNames.qualified(p.getType()).replaceAll("<.*>", "");
        String written = p.getType().asString().replaceAll("<.*>", "");
        return (FILLABLE_ON_KAFKA.contains(type) && !type.equals("java.util.Map"))
                || written.equals("ConsumerRecord")
                || written.equals("Headers");
    }

    private static boolean simpleFillable(Parameter p) {
        String written = p.getType().asString();
        return written.equals("AMQP.BasicProperties")
                || written.equals("BasicProperties")
                || written.equals("Envelope");
    }

    private static boolean framework(Parameter p) {
        String type = TypeNames.qualified(p.getType());
        return type.equals("org.springframework.amqp.core.Message")
                || type.equals("com.rabbitmq.client.Channel")
                || type.startsWith("org.springframework.messaging.Message");
    }

    private static boolean annotated(Parameter p, String simpleName) {
        return p.getAnnotations().stream()
                .anyMatch(a -> a.getName().getIdentifier().equals(simpleName));
    }
}
