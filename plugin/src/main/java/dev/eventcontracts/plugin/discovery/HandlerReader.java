package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.eventcontracts.annotations.contract.ContractDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one {@link ConsumerModel} per annotated handler method. */
final class HandlerReader {

    private static final String SPECIFIC_RECORD = "org.apache.avro.specific.SpecificRecord";
    private static final int DEFAULT_MAX_ATTEMPTS = ContractDefaults.MAX_ATTEMPTS;

    private final SchemaCatalog schemas;
    private final FixtureIndex fixtures;
    private final List<Finding> findings;

    HandlerReader(SchemaCatalog schemas, FixtureIndex fixtures, List<Finding> findings) {
        this.schemas = schemas;
        this.fixtures = fixtures;
        this.findings = findings;
    }

    List<ConsumerModel> read(List<SourceTree.Source> sources) {
        List<ConsumerModel> out = new ArrayList<>();
        for (SourceTree.Source source : sources) {
            for (MethodDeclaration method : source.unit().findAll(MethodDeclaration.class)) {
                List<AnnotationExpr> annotations = new ArrayList<>();
                List<ListenerAnnotation> kinds = new ArrayList<>();
                for (AnnotationExpr annotation : method.getAnnotations()) {
                    ListenerAnnotation.of(annotation, source.unit()).ifPresent(kind -> {
                        annotations.add(annotation);
                        kinds.add(kind);
                    });
                }
                classLevelListener(source, method).ifPresent(annotation -> {
                    annotations.add(annotation);
                    kinds.add(ListenerAnnotation.RABBIT_LISTENER);
                });
                if (annotations.isEmpty()) {
                    continue;
                }
                // one method is one consumer: @EventConsumer wins over the framework's listener annotation
                int chosen = Math.max(0, kinds.indexOf(ListenerAnnotation.EVENT_CONSUMER));
                model(source, method, annotations.get(chosen), kinds.get(chosen))
                        .ifPresent(model -> {
                            out.add(model);
                            for (int i = 0; i < annotations.size(); i++) {
                                if (i != chosen) {
                                    disagreement(source, method, model, annotations.get(i), kinds.get(i));
                                }
                            }
                        });
            }
        }
        return out;
    }

    /**
     * The class's {@code @RabbitListener} when {@code method} is one of its {@code @RabbitHandler}
     * methods (Spring AMQP's class-level listener: the class names the queue, each handler takes
     * one payload type).
     */
    private static Optional<AnnotationExpr> classLevelListener(SourceTree.Source source, MethodDeclaration method) {
        boolean handler = method.getAnnotations().stream()
                .anyMatch(a -> a.getName().getIdentifier().equals("RabbitHandler"));
        if (!handler) {
            return Optional.empty();
        }
        Optional<TypeDeclaration<?>> owner =
                method.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        for (AnnotationExpr annotation : owner.get().getAnnotations()) {
            if (ListenerAnnotation.of(annotation, source.unit()).orElse(null) == ListenerAnnotation.RABBIT_LISTENER) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    /** A second listener annotation on the same method naming another queue is a finding. */
    private void disagreement(
            SourceTree.Source source,
            MethodDeclaration method,
            ConsumerModel model,
            AnnotationExpr other,
            ListenerAnnotation kind) {
        for (String attribute : kind.queueAttributes()) {
            Optional<Expression> value = AttributeValues.attribute(other, attribute);
            if (value.isPresent()) {
                try {
                    List<String> names = AttributeValues.strings(value.get());
                    if (!names.isEmpty() && !names.get(0).equals(model.queue())) {
                        findings.add(new Finding(
                                Severity.WARNING,
                                "queue-mismatch",
                                simple(model.consumerClass()) + "#" + method.getNameAsString() + ": @"
                                        + kind.simpleName() + " reads '" + names.get(0) + "' but @"
                                        + model.annotation() + " declares '" + model.queue()
                                        + "'; the contract test uses '" + model.queue()
                                        + "'. Make them name the same queue.",
                                source.file(),
                                SourceTree.line(other)));
                    }
                } catch (AttributeValues.Unresolved e) {
                    // the listener's own queue is informational here
                }
                return;
            }
        }
    }

    private Optional<ConsumerModel> model(
            SourceTree.Source source, MethodDeclaration method, AnnotationExpr annotation, ListenerAnnotation kind) {
        Path file = source.file();
        int line = SourceTree.line(method);
        Optional<TypeDeclaration<?>> owner =
                method.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        String consumerClass =
                owner.get().getFullyQualifiedName().orElse(owner.get().getNameAsString());
        String id = simple(consumerClass) + "#" + method.getNameAsString();
        CompilationUnit unit = source.unit();

        Optional<AnnotationExpr> binding = kind == ListenerAnnotation.RABBIT_LISTENER
                ? firstAnnotation(AttributeValues.attribute(annotation, "bindings"))
                : Optional.empty();
        Optional<String> queue = binding.isPresent()
                ? firstAnnotation(AttributeValues.attribute(binding.get(), "value"))
                        .flatMap(q -> queueOf(q, id, file))
                : queue(annotation, kind, id, file);
        if (queue.isEmpty()) {
            if (binding.isPresent()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "no-queue",
                        id
                                + " binds no named @Queue in @RabbitListener(bindings = ...); no contract test is generated.",
                        file,
                        SourceTree.line(binding.get())));
            }
            return Optional.empty();
        }
        String exchange = "";
        String routingKey = "";
        if (binding.isPresent()) {
            exchange = firstAnnotation(AttributeValues.attribute(binding.get(), "exchange"))
                    .map(x -> nameOf(x, id, file))
                    .orElse("");
            routingKey = text(binding.get(), "key", id, file);
        }
        String dlq = "";
        int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        List<String> nonRetryable = List.of();
        String key = "";
        List<String> ignore = List.of();
        if (kind == ListenerAnnotation.EVENT_CONSUMER) {
            exchange = text(annotation, "exchange", id, file);
            routingKey = text(annotation, "routingKey", id, file);
            dlq = text(annotation, "deadLetterQueue", id, file);
            key = text(annotation, "idempotencyKey", id, file);
            ignore = texts(annotation, "ignoreEffectPaths", id, file);
            nonRetryable = AttributeValues.attribute(annotation, "nonRetryable")
                    .map(AttributeValues::classes)
                    .orElse(List.of());
            Optional<Expression> attempts = AttributeValues.attribute(annotation, "maxAttempts");
            if (attempts.isPresent()) {
                try {
                    maxAttempts = AttributeValues.integer(attempts.get());
                } catch (AttributeValues.Unresolved e) {
                    unresolved(e, id, file, "maxAttempts");
                }
            }
        } else {
            dlq = deadLetterArgument(annotation, binding, kind, id, file);
            findings.add(new Finding(
                    Severity.INFO,
                    "contract-defaults",
                    id + " is found by @" + kind.simpleName() + ", which says nothing about dead-lettering, retries or"
                            + " idempotency: its contract test uses maxAttempts " + DEFAULT_MAX_ATTEMPTS
                            + ", no dead-letter queue and no idempotency key. Add @EventConsumer to declare them.",
                    file,
                    line));
        }

        HandlerParameters.Reading parameters = HandlerParameters.read(method);
        Optional<Parameter> payloadParam = parameters.payload();
        if (!parameters.refusal().isEmpty()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "unsupported-parameter",
                    id + ": " + parameters.refusal() + " No contract test is generated; take the payload first and"
                            + " read headers from the headers Map or AMQP.BasicProperties.",
                    file,
                    line));
            return Optional.empty();
        }
        if (payloadParam.isEmpty()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "payload-not-avro",
                    id + " takes no payload parameter, so no messages can be built for it.",
                    file,
                    line));
            return Optional.empty();
        }
        String payloadType = TypeNames.qualified(payloadParam.get().getType());
        Optional<ConsumerModel.SchemaSource> schema = schema(payloadParam.get(), payloadType);
        if (schema.isEmpty()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "payload-not-avro",
                    id + " takes payload type '" + payloadType + "', which is neither a generated Avro SpecificRecord"
                            + " class nor the full name of an .avsc schema in the schema directories; no contract"
                            + " test is generated. Use the Avro-generated class as the parameter type.",
                    file,
                    line));
            return Optional.empty();
        }

        if (dlq.isEmpty()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "no-dead-letter-queue",
                    id + " has no dead-letter queue: messages it cannot process are dropped or retried forever. Set"
                            + " deadLetterQueue = \"" + queue.get() + ".dlq\" in @EventConsumer.",
                    file,
                    line));
        }
        String fixture = fixture(consumerClass, id, file, line);
        return Optional.of(new ConsumerModel(
                consumerClass,
                unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse(""),
                method.getNameAsString(),
                payloadType,
                kind.simpleName(),
                queue.get(),
                exchange,
                routingKey,
                dlq,
                maxAttempts,
                nonRetryable,
                key,
                ignore,
                fixture,
                schema.get(),
                schemas.previousVersions(schema.get().fullName()),
                file,
                line));
    }

    private Optional<String> queue(AnnotationExpr annotation, ListenerAnnotation kind, String id, Path file) {
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
                    unresolved(e, id, file, attribute);
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

    /**
     * The dead-letter queue a {@code @RabbitListener} declares through its {@code @Queue}'s
     * {@code arguments = @Argument(name = "x-dead-letter-routing-key", value = "...")} (the queue
     * a dead-lettered message is routed to through the default exchange), or empty.
     */
    private String deadLetterArgument(
            AnnotationExpr annotation,
            Optional<AnnotationExpr> binding,
            ListenerAnnotation kind,
            String id,
            Path file) {
        if (kind != ListenerAnnotation.RABBIT_LISTENER) {
            return "";
        }
        Optional<AnnotationExpr> queue = binding.isPresent()
                ? firstAnnotation(AttributeValues.attribute(binding.get(), "value"))
                : firstAnnotation(AttributeValues.attribute(annotation, "queuesToDeclare"));
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
                    && text(value.asAnnotationExpr(), "name", id, file).equals("x-dead-letter-routing-key")) {
                return text(value.asAnnotationExpr(), "value", id, file);
            }
        }
        return "";
    }

    /** The annotation an attribute holds, or the first of an array of annotations. */
    private static Optional<AnnotationExpr> firstAnnotation(Optional<Expression> value) {
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

    private Optional<String> queueOf(AnnotationExpr queue, String id, Path file) {
        String name = nameOf(queue, id, file);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** {@code @Queue}/{@code @Exchange}: {@code value} or {@code name}. */
    private String nameOf(AnnotationExpr annotation, String id, Path file) {
        String value = text(annotation, "value", id, file);
        return value.isEmpty() ? text(annotation, "name", id, file) : value;
    }

    private String text(AnnotationExpr annotation, String attribute, String id, Path file) {
        List<String> values = texts(annotation, attribute, id, file);
        return values.isEmpty() ? "" : values.get(0);
    }

    private List<String> texts(AnnotationExpr annotation, String attribute, String id, Path file) {
        Optional<Expression> value = AttributeValues.attribute(annotation, attribute);
        if (value.isEmpty()) {
            return List.of();
        }
        try {
            return AttributeValues.strings(value.get());
        } catch (AttributeValues.Unresolved e) {
            unresolved(e, id, file, attribute);
            return List.of();
        }
    }

    private void unresolved(AttributeValues.Unresolved e, String id, Path file, String attribute) {
        findings.add(new Finding(
                Severity.WARNING,
                "unresolved-constant",
                id + ": attribute '" + attribute + "' " + e.getMessage() + "; use a literal or a static final"
                        + " constant declared in the sources.",
                file,
                line(e.node)));
    }

    private Optional<ConsumerModel.SchemaSource> schema(Parameter parameter, String payloadType) {
        boolean specific = false;
        try {
            ResolvedType type = parameter.getType().resolve();
            if (type.isReferenceType()) {
                ResolvedReferenceType ref = type.asReferenceType();
                specific = ref.getAllAncestors().stream()
                        .anyMatch(a -> a.getQualifiedName().equals(SPECIFIC_RECORD));
            }
        } catch (RuntimeException | StackOverflowError unresolvable) {
            specific = false;
        }
        Optional<Path> avsc = schemas.current(payloadType);
        if (specific) {
            return Optional.of(new ConsumerModel.SchemaSource(payloadType, true, avsc.orElse(null)));
        }
        return avsc.map(file -> new ConsumerModel.SchemaSource(payloadType, false, file));
    }

    private String fixture(String consumerClass, String id, Path file, int line) {
        List<FixtureIndex.Fixture> found = fixtures.fixturesOf(consumerClass);
        if (found.isEmpty()) {
            findings.add(new Finding(
                    Severity.INFO,
                    "fixture-missing",
                    id + " has no ConsumerFixture<" + simple(consumerClass) + "> in the test sources: its contract"
                            + " test builds it with the public no-arg constructor and judges idempotency on effects"
                            + " only. Write a fixture to include its state.",
                    file,
                    line));
            return null;
        }
        if (found.size() > 1) {
            FixtureIndex.Fixture other = found.get(1);
            findings.add(new Finding(
                    Severity.WARNING,
                    "duplicate-fixture",
                    id + " has " + found.size() + " fixtures: '" + found.get(0).className() + "' and '"
                            + other.className() + "' (" + other.source().file().getFileName() + ":" + other.line()
                            + "); the contract test uses '" + found.get(0).className() + "'. Delete one.",
                    other.source().file(),
                    other.line()));
        }
        return found.get(0).className();
    }

    private static int line(Node node) {
        return node == null ? 0 : SourceTree.line(node);
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
