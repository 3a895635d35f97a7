package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import java.util.List;
import java.util.Optional;

/** The annotations that mark a message handler, and the attribute naming its queue, topic or channel. */
enum ListenerAnnotation {
    EVENT_CONSUMER("dev.eventcontracts.annotations.EventConsumer", List.of("queue", "topic")),
    RABBIT_LISTENER("org.springframework.amqp.rabbit.annotation.RabbitListener", List.of("queues", "queuesToDeclare")),
    KAFKA_LISTENER("org.springframework.kafka.annotation.KafkaListener", List.of("topics")),
    JMS_LISTENER("org.springframework.jms.annotation.JmsListener", List.of("destination")),
    INCOMING("org.eclipse.microprofile.reactive.messaging.Incoming", List.of("value")),
    SQS_LISTENER("io.awspring.cloud.sqs.annotation.SqsListener", List.of("value", "queueNames"));

    private final String qualifiedName;
    private final List<String> queueAttributes;

    ListenerAnnotation(String qualifiedName, List<String> queueAttributes) {
        this.qualifiedName = qualifiedName;
        this.queueAttributes = queueAttributes;
    }

    String simpleName() {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    List<String> queueAttributes() {
        return queueAttributes;
    }

    /** The listener annotation {@code annotation} is, judged by its name and the file's imports. */
    static Optional<ListenerAnnotation> of(AnnotationExpr annotation, CompilationUnit unit) {
        String written = annotation.getNameAsString();
        for (ListenerAnnotation candidate : values()) {
            if (written.equals(candidate.qualifiedName)) {
                return Optional.of(candidate);
            }
            if (written.equals(candidate.simpleName()) && imported(candidate, unit)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean imported(ListenerAnnotation candidate, CompilationUnit unit) {
        String pkg = candidate.qualifiedName.substring(0, candidate.qualifiedName.lastIndexOf('.'));
        if (unit.getPackageDeclaration()
                .map(p -> p.getNameAsString().equals(pkg))
                .orElse(false)) {
            return true;
        }
        for (ImportDeclaration imp : unit.getImports()) {
            String name = imp.getNameAsString();
            if (!imp.isStatic() && (imp.isAsterisk() ? name.equals(pkg) : name.equals(candidate.qualifiedName))) {
                return true;
            }
        }
        return false;
    }
}
