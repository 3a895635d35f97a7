package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.CompilationUnit;
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
                boolean onKafka = kinds.contains(ListenerAnnotation.KAFKA_LISTENER);
                model(source, method, annotations.get(chosen), kinds.get(chosen), onKafka)
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
            SourceTree.Source source,
            MethodDeclaration method,
            AnnotationExpr annotation,
            ListenerAnnotation kind,
            boolean onKafka) {
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

        AnnotationReading reading = new AnnotationReading(id, file, findings);
        Optional<ListenerContract> read = switch (kind) {
            case EVENT_CONSUMER -> EventConsumerReader.read(annotation, reading);
            case RABBIT_LISTENER -> RabbitListenerReader.read(annotation, reading);
            default -> FrameworkListenerReader.read(annotation, kind, reading);
        };
        if (read.isEmpty()) {
            return Optional.empty();
        }
        ListenerContract contract = read.get();
        if (onKafka && !contract.kafka()) {
            // a @KafkaListener method (alone, or with an @EventConsumer naming its topic as queue) runs on Kafka
            contract = contract.onKafka();
        }
        if (kind != ListenerAnnotation.EVENT_CONSUMER) {
            findings.add(new Finding(
                    Severity.INFO,
                    "contract-defaults",
                    id + " is found by @" + kind.simpleName() + ", which says nothing about dead-lettering, retries or"
                            + " idempotency: its contract test uses maxAttempts " + ContractDefaults.MAX_ATTEMPTS
                            + (contract.deadLetterQueue().isEmpty()
                                    ? contract.kafka() ? ", no dead-letter topic" : ", no dead-letter queue"
                                    : "")
                            + " and no idempotency key. Add @EventConsumer to declare them.",
                    file,
                    line));
        }

        HandlerParameters.Reading parameters = HandlerParameters.read(method, contract.kafka());
        Optional<Parameter> payloadParam = parameters.payload();
        if (!parameters.refusal().isEmpty()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "unsupported-parameter",
                    id + ": " + parameters.refusal() + " No contract test is generated; take the payload first and"
                            + (contract.kafka()
                                    ? " read headers from ConsumerRecord, Headers or the headers Map."
                                    : " read headers from the headers Map or AMQP.BasicProperties."),
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
                    id + " takes payload type '" + payloadType + "', which contract tests cannot build messages for:"
                            + " it is neither a generated Avro SpecificRecord class, the full name of an .avsc schema"
                            + " in the schema directories, a Java record or POJO (sent as JSON), nor byte[]/String; no"
                            + " contract test is generated. Take one of those as the parameter type.",
                    file,
                    line));
            return Optional.empty();
        }
        String fixture = fixture(consumerClass, id, file, line);
        if (schema.get().kind() == ConsumerModel.PayloadKind.RAW && !suppliesSamples(consumerClass, fixture)) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "samples-missing",
                    id + " takes its payload as " + simple(payloadType) + " and decodes it itself, so event-contracts"
                            + " cannot build messages it accepts; no contract test is generated. Write a"
                            + " ConsumerFixture<" + simple(consumerClass) + "> whose samples() returns four or more"
                            + " valid bodies (and poisonSamples() invalid ones), or give an .avsc schema.",
                    file,
                    line));
            return Optional.empty();
        }

        if (contract.deadLetterQueue().isEmpty()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "no-dead-letter-queue",
                    contract.kafka()
                            ? id + " has no dead-letter topic: records it cannot process are skipped and lost. Set"
                                    + " deadLetterTopic = \"" + contract.queue() + ".DLT\" in @EventConsumer."
                            : id + " has no dead-letter queue: messages it cannot process are dropped or retried"
                                    + " forever. Set deadLetterQueue = \"" + contract.queue() + ".dlq\" in"
                                    + " @EventConsumer.",
                    file,
                    line));
        }
        return Optional.of(new ConsumerModel(
                consumerClass,
                unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse(""),
                method.getNameAsString(),
                payloadType,
                kind.simpleName(),
                contract.queue(),
                contract.exchange(),
                contract.routingKey(),
                contract.deadLetterQueue(),
                contract.maxAttempts(),
                contract.nonRetryable(),
                contract.idempotencyKey(),
                contract.ignoreEffectPaths(),
                fixture,
                schema.get(),
                schemas.previousVersions(schema.get().fullName()),
                file,
                line,
                contract.kafka(),
                contract.orderedBy(),
                contract.wireFormat()));
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
        if (avsc.isPresent()) {
            return Optional.of(new ConsumerModel.SchemaSource(payloadType, false, avsc.get()));
        }
        if (payloadType.equals("byte[]") || payloadType.equals("java.lang.String") || payloadType.equals("String")) {
            return Optional.of(new ConsumerModel.SchemaSource(payloadType, false, null, ConsumerModel.PayloadKind.RAW));
        }
        return json(parameter, payloadType)
                ? Optional.of(new ConsumerModel.SchemaSource(payloadType, false, null, ConsumerModel.PayloadKind.JSON))
                : Optional.empty();
    }

    /**
     * True for a payload the scenarios send as JSON: a class or record of the project (or a
     * library) that is neither abstract, an interface, a platform type nor an Avro type. An
     * unresolvable type counts when its name is not a platform or Avro one; the generated test
     * names it if it is not buildable after all.
     */
    private static boolean json(Parameter parameter, String payloadType) {
        com.github.javaparser.ast.type.Type type = parameter.getType();
        if (type.isPrimitiveType() || type.isArrayType() || payloadType.contains("<")) {
            return false;
        }
        if (payloadType.startsWith("java.")
                || payloadType.startsWith("javax.")
                || payloadType.startsWith("org.apache.avro.")) {
            return false;
        }
        try {
            ResolvedType resolved = type.resolve();
            if (!resolved.isReferenceType()) {
                return false;
            }
            var declaration = resolved.asReferenceType().getTypeDeclaration().orElse(null);
            if (declaration == null) {
                return true;
            }
            if (declaration.isInterface() || declaration.isEnum() || declaration.isAnnotation()) {
                return false;
            }
            return declaration
                    .toAst(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class)
                    .map(c -> !c.isAbstract())
                    .orElse(true);
        } catch (RuntimeException | StackOverflowError unresolvable) {
            return true;
        }
    }

    private boolean suppliesSamples(String consumerClass, String fixture) {
        return fixture != null
                && fixtures.fixturesOf(consumerClass).stream()
                        .anyMatch(f -> f.className().equals(fixture) && f.suppliesSamples());
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

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
