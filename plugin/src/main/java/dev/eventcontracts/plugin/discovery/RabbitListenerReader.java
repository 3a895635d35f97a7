package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.eventcontracts.annotations.contract.ContractDefaults;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code @RabbitListener}: {@code queues}/{@code queuesToDeclare}, or the first {@code
 * bindings = @QueueBinding(value = @Queue(...), exchange = @Exchange(...), key = ...)}, and the
 * dead-letter queue from the {@code @Queue}'s {@code x-dead-letter-routing-key} argument; retries
 * and idempotency are defaults.
 */
final class RabbitListenerReader {

    private RabbitListenerReader() {}

    static Optional<ListenerContract> read(AnnotationExpr annotation, AnnotationReading r) {
        Optional<AnnotationExpr> binding =
                AnnotationReading.firstAnnotation(AttributeValues.attribute(annotation, "bindings"));
        Optional<String> queue = binding.isPresent()
                ? AnnotationReading.firstAnnotation(AttributeValues.attribute(binding.get(), "value"))
                        .flatMap(r::queueOf)
                : r.queue(annotation, ListenerAnnotation.RABBIT_LISTENER);
        if (queue.isEmpty()) {
            if (binding.isPresent()) {
                r.findings.add(new Finding(
                        Severity.WARNING,
                        "no-queue",
                        r.id + " binds no named @Queue in @RabbitListener(bindings = ...); no contract test is"
                                + " generated.",
                        r.file,
                        SourceTree.line(binding.get())));
            }
            return Optional.empty();
        }
        String exchange = "";
        String routingKey = "";
        if (binding.isPresent()) {
            exchange = AnnotationReading.firstAnnotation(AttributeValues.attribute(binding.get(), "exchange"))
                    .map(r::nameOf)
                    .orElse("");
            routingKey = r.text(binding.get(), "key");
        }
        String dlq = deadLetterArgument(annotation, binding, r);
        return Optional.of(new ListenerContract(
                queue.get(), exchange, routingKey, dlq, ContractDefaults.MAX_ATTEMPTS, List.of(), "", List.of()));
    }

    /**
     * The dead-letter queue a {@code @RabbitListener} declares through its {@code @Queue}'s
     * {@code arguments = @Argument(name = "x-dead-letter-routing-key", value = "...")} (the queue
     * a dead-lettered message is routed to through the default exchange), or empty.
     */
    private static String deadLetterArgument(
            AnnotationExpr annotation, Optional<AnnotationExpr> binding, AnnotationReading r) {
        Optional<AnnotationExpr> queue = binding.isPresent()
                ? AnnotationReading.firstAnnotation(AttributeValues.attribute(binding.get(), "value"))
                : AnnotationReading.firstAnnotation(AttributeValues.attribute(annotation, "queuesToDeclare"));
        if (queue.isEmpty()) {
            return "";
        }
        Optional<Expression> arguments = AttributeValues.attribute(queue.get(), "arguments");
        if (arguments.isEmpty()) {
            return "";
        }
        List<Expression> values = arguments.get().isArrayInitializerExpr()
                ? arguments.get().asArrayInitializerExpr().getValues()
                : List.of(arguments.get());
        for (Expression value : values) {
            if (value.isAnnotationExpr()
                    && r.text(value.asAnnotationExpr(), "name").equals("x-dead-letter-routing-key")) {
                return r.text(value.asAnnotationExpr(), "value");
            }
        }
        return "";
    }
}
