package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.expr.AnnotationExpr;
import dev.eventcontracts.annotations.contract.ContractDefaults;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code @KafkaListener}, {@code @JmsListener}, {@code @Incoming} and {@code @SqsListener}:
 * only the queue, topic or channel; everything else is a default.
 */
final class FrameworkListenerReader {

    private FrameworkListenerReader() {}

    static Optional<ListenerContract> read(AnnotationExpr annotation, ListenerAnnotation kind, AnnotationReading r) {
        return r.queue(annotation, kind)
                .map(queue -> new ListenerContract(
                        queue, "", "", "", ContractDefaults.MAX_ATTEMPTS, List.of(), "", List.of()));
    }
}
