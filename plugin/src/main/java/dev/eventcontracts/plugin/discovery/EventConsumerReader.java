package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.eventcontracts.annotations.contract.ContractDefaults;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code @EventConsumer}: every element of the contract is declared there; {@code topic}
 * (with {@code deadLetterTopic}, {@code orderedBy}, {@code wireFormat}) instead of {@code queue} makes it a Kafka
 * consumer (docs/kafka.md).
 */
final class EventConsumerReader {

    private EventConsumerReader() {}

    static Optional<ListenerContract> read(AnnotationExpr annotation, AnnotationReading r) {
        Optional<String> queue = r.queue(annotation, ListenerAnnotation.EVENT_CONSUMER);
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        String exchange = r.text(annotation, "exchange");
        String routingKey = r.text(annotation, "routingKey");
        String dlq = r.text(annotation, "deadLetterQueue");
        String key = r.text(annotation, "idempotencyKey");
        List<String> ignore = r.texts(annotation, "ignoreEffectPaths");
        List<String> nonRetryable = AttributeValues.attribute(annotation, "nonRetryable")
                .map(AttributeValues::classes)
                .orElse(List.of());
        int maxAttempts = ContractDefaults.MAX_ATTEMPTS;
        Optional<Expression> attempts = AttributeValues.attribute(annotation, "maxAttempts");
        if (attempts.isPresent()) {
            try {
                maxAttempts = AttributeValues.integer(attempts.get());
            } catch (AttributeValues.Unresolved e) {
                r.unresolved(e, "maxAttempts");
            }
        }
        boolean kafka = AttributeValues.attribute(annotation, "topic").isPresent()
                && AttributeValues.attribute(annotation, "queue").isEmpty();
        if (kafka) {
            return Optional.of(new ListenerContract(
                    queue.get(),
                    "",
                    "",
                    r.text(annotation, "deadLetterTopic"),
                    maxAttempts,
                    nonRetryable,
                    key,
                    ignore,
                    true,
                    r.text(annotation, "orderedBy"),
                    AttributeValues.attribute(annotation, "wireFormat")
                            .map(AttributeValues::enumConstant)
                            .orElse("")));
        }
        AttributeValues.attribute(annotation, "wireFormat")
                .map(AttributeValues::enumConstant)
                .filter(format -> !format.equals("HEADER"))
                .ifPresent(format -> r.findings.add(new Finding(
                        Severity.WARNING,
                        "wire-format-ignored",
                        r.id + " declares wireFormat = WireFormat." + format + " but reads AMQP queue '" + queue.get()
                                + "': registry framing applies to Kafka records only, so its messages are sent"
                                + " without it. Use topic = \"...\" for a Kafka consumer, or remove wireFormat"
                                + " (docs/kafka.md §4.1).",
                        r.file,
                        SourceTree.line(annotation))));
        return Optional.of(
                new ListenerContract(queue.get(), exchange, routingKey, dlq, maxAttempts, nonRetryable, key, ignore));
    }
}
