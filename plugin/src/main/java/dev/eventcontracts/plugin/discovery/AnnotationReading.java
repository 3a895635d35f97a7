package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the attributes of one handler's annotations: literal, constant and concatenated values,
 * with each unresolvable value, placeholder or missing queue reported as a {@link Finding} naming
 * the handler ({@code id}) and the file.
 */
final class AnnotationReading {

    final String id;
    final Path file;
    final List<Finding> findings;

    AnnotationReading(String id, Path file, List<Finding> findings) {
        this.id = id;
        this.file = file;
        this.findings = findings;
    }

    /** The queue named by the first of {@code kind}'s queue attributes, with findings for placeholders and none. */
    Optional<String> queue(AnnotationExpr annotation, ListenerAnnotation kind) {
        for (String attribute : kind.queueAttributes()) {
            Optional<Expression> value = AttributeValues.attribute(annotation, attribute);
            if (value.isPresent()) {
                try {
                    List<String> names = AttributeValues.strings(value.get());
                    if (!names.isEmpty()) {
                        String name = names.get(0);
                        if (name.contains("${") || name.contains("#{")) {
                            findings.add(new Finding(
                                    Severity.WARNING,
                                    "unresolved-placeholder",
                                    id + " reads from '" + name + "', a placeholder event-contracts cannot resolve at"
                                            + " build time; the contract test uses it literally as the queue name. Name"
                                            + " the queue in @EventConsumer(queue = \"...\").",
                                    file,
                                    SourceTree.line(value.get())));
                        }
                        return Optional.of(name);
                    }
                } catch (AttributeValues.Unresolved e) {
                    unresolved(e, attribute);
                    return Optional.empty();
                }
            }
        }
        findings.add(new Finding(
                Severity.WARNING,
                "no-queue",
                id + " names no queue in @" + kind.simpleName() + " (attribute "
                        + kind.queueAttributes().get(0) + "); no contract test is generated.",
                file,
                SourceTree.line(annotation)));
        return Optional.empty();
    }

    /** The annotation an attribute holds, or the first of an array of annotations. */
    static Optional<AnnotationExpr> firstAnnotation(Optional<Expression> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Expression e = value.get();
        if (e.isArrayInitializerExpr()) {
            return e.asArrayInitializerExpr().getValues().stream()
                    .filter(Expression::isAnnotationExpr)
                    .map(Expression::asAnnotationExpr)
                    .findFirst();
        }
        return e.isAnnotationExpr() ? Optional.of(e.asAnnotationExpr()) : Optional.empty();
    }

    Optional<String> queueOf(AnnotationExpr queue) {
        String name = nameOf(queue);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** {@code @Queue}/{@code @Exchange}: {@code value} or {@code name}. */
    String nameOf(AnnotationExpr annotation) {
        String value = text(annotation, "value");
        return value.isEmpty() ? text(annotation, "name") : value;
    }

    String text(AnnotationExpr annotation, String attribute) {
        List<String> values = texts(annotation, attribute);
        return values.isEmpty() ? "" : values.get(0);
    }

    List<String> texts(AnnotationExpr annotation, String attribute) {
        Optional<Expression> value = AttributeValues.attribute(annotation, attribute);
        if (value.isEmpty()) {
            return List.of();
        }
        try {
            return AttributeValues.strings(value.get());
        } catch (AttributeValues.Unresolved e) {
            unresolved(e, attribute);
            return List.of();
        }
    }

    void unresolved(AttributeValues.Unresolved e, String attribute) {
        findings.add(new Finding(
                Severity.WARNING,
                "unresolved-constant",
                id + ": attribute '" + attribute + "' " + e.getMessage() + "; use a literal or a static final"
                        + " constant declared in the sources.",
                file,
                line(e.node)));
    }

    private static int line(Node node) {
        return node == null ? 0 : SourceTree.line(node);
    }
}
