package dev.eventcontracts.plugin.service;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kafka service mode in {@code generate-contract-tests}: every {@code @KafkaListener} method of a
 * Spring Boot service gets a {@code <Listener>KafkaContractIT} that starts the service's own
 * context against Kafka through {@code KafkaServiceContractExtension} and runs the Kafka scenarios
 * (docs/kafka.md, service mode). Reads the topic (first literal of {@code topics}) and the claims of
 * an optional {@code @EventConsumer} ({@code deadLetterTopic}, {@code orderedBy}). Output is
 * deterministic, carries {@code @Generated}, and files are only rewritten when they change; stale
 * files of this generator are deleted, no others.
 */
public final class KafkaServiceGeneration {

    /** The {@code @Generated} value that marks files this generator owns. */
    static final String GENERATOR = "dev.eventcontracts.plugin.service.KafkaServiceGeneration";

    /**
     * One {@code @KafkaListener} method.
     *
     * @param packageName the listener's package
     * @param className the listener's simple name (nested classes joined with {@code .})
     * @param method the listener method
     * @param topic the first literal topic, or empty (the runtime takes its container's)
     * @param claimedDeadLetterTopic {@code @EventConsumer(deadLetterTopic)}, or empty
     * @param orderedBy {@code @EventConsumer(orderedBy)}, or empty
     * @param payloadType the simple name of the payload type as written (of {@code
     *     ConsumerRecord<K, V>} and {@code Message<V>} its {@code V}), or empty
     * @param previousWriterSchemaFiles the older writer versions of an Avro payload scenario (n)
     *     writes, oldest first, as paths relative to the project directory
     */
    public record KafkaListenerMethod(
            String packageName,
            String className,
            String method,
            String topic,
            String claimedDeadLetterTopic,
            String orderedBy,
            String payloadType,
            List<String> previousWriterSchemaFiles) {

        /** Copies the list. */
        public KafkaListenerMethod {
            previousWriterSchemaFiles = List.copyOf(previousWriterSchemaFiles);
        }

        /** This listener with the older writer versions of its payload. */
        public KafkaListenerMethod withWriters(List<String> files) {
            return new KafkaListenerMethod(
                    packageName, className, method, topic, claimedDeadLetterTopic, orderedBy, payloadType, files);
        }

        /** {@code package.Class#method}. */
        public String id() {
            return (packageName.isEmpty() ? "" : packageName + ".") + className + "#" + method;
        }
    }

    /** What was generated: every file, and those written or deleted this time. */
    public record Generated(
            List<KafkaListenerMethod> listeners, List<Path> generated, List<Path> written, List<Path> deleted) {}

    private final JavaParser parser =
            new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /** The {@code @KafkaListener} methods under {@code roots}, sorted by id. */
    public List<KafkaListenerMethod> scan(List<Path> roots) {
        List<KafkaListenerMethod> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list sources under '" + root + "': " + e.getMessage(), e);
            }
            for (Path file : files) {
                ParseResult<CompilationUnit> parsed;
                try {
                    parsed = parser.parse(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read '" + file + "': " + e.getMessage(), e);
                }
                parsed.getResult().ifPresent(unit -> {
                    String pkg = unit.getPackageDeclaration()
                            .map(p -> p.getNameAsString())
                            .orElse("");
                    unit.getTypes().forEach(t -> visit(t, pkg, "", found));
                });
            }
        }
        found.sort(Comparator.comparing(KafkaListenerMethod::id));
        return List.copyOf(found);
    }

    private static void visit(TypeDeclaration<?> type, String pkg, String outer, List<KafkaListenerMethod> found) {
        String name = outer.isEmpty() ? type.getNameAsString() : outer + "." + type.getNameAsString();
        if (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface()) {
            for (MethodDeclaration m : c.getMethods()) {
                Optional<AnnotationExpr> kafka = annotation(m.getAnnotations(), "KafkaListener");
                if (kafka.isEmpty()) {
                    continue;
                }
                Optional<AnnotationExpr> claim = annotation(m.getAnnotations(), "EventConsumer");
                String topic = attribute(kafka.get(), "topics")
                        .or(() -> attribute(kafka.get(), "value"))
                        .flatMap(KafkaServiceGeneration::firstLiteral)
                        .orElse("");
                found.add(new KafkaListenerMethod(
                        pkg,
                        name,
                        m.getNameAsString(),
                        topic,
                        claim.flatMap(a -> attribute(a, "deadLetterTopic"))
                                .flatMap(KafkaServiceGeneration::literal)
                                .orElse(""),
                        claim.flatMap(a -> attribute(a, "orderedBy"))
                                .flatMap(KafkaServiceGeneration::literal)
                                .orElse(""),
                        payloadType(m),
                        List.of()));
            }
        }
        for (var member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                visit(nested, pkg, name, found);
            }
        }
    }

    private static final Set<String> NOT_PAYLOAD =
            Set.of("Acknowledgment", "Consumer", "MessageHeaders", "Headers", "ConsumerRecordMetadata");

    /** The simple name of the listener's payload type: its first parameter without {@code @Header}, unwrapped. */
    private static String payloadType(MethodDeclaration m) {
        for (var p : m.getParameters()) {
            if (annotation(p.getAnnotations(), "Header").isPresent()
                    || annotation(p.getAnnotations(), "Headers").isPresent()
                    || !p.getType().isClassOrInterfaceType()) {
                continue;
            }
            var type = p.getType().asClassOrInterfaceType();
            String name = type.getNameAsString();
            if (NOT_PAYLOAD.contains(name)) {
                continue;
            }
            if (name.equals("ConsumerRecord") || name.equals("Message")) {
                var args = type.getTypeArguments().orElse(null);
                if (args == null || args.isEmpty() || !args.get(args.size() - 1).isClassOrInterfaceType()) {
                    return "";
                }
                return args.get(args.size() - 1).asClassOrInterfaceType().getNameAsString();
            }
            return name;
        }
        return "";
    }

    /** Generates the tests of {@code listeners} of the service {@code application} under {@code output}. */
    public Generated generate(String application, List<KafkaListenerMethod> listeners, Path output) {
        Map<String, List<KafkaListenerMethod>> byClass = listeners.stream()
                .collect(Collectors.groupingBy(
                        l -> l.packageName() + "." + l.className(), TreeMap::new, Collectors.toList()));
        List<Path> generated = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            for (List<KafkaListenerMethod> methods : byClass.values()) {
                for (KafkaListenerMethod l : methods) {
                    String simple = l.className().replace(".", "");
                    String className = methods.size() == 1
                            ? simple + "KafkaContractIT"
                            : simple + Character.toUpperCase(l.method().charAt(0))
                                    + l.method().substring(1) + "KafkaContractIT";
                    Path file = GeneratedTests.file(output, l.packageName(), className);
                    generated.add(file);
                    if (GeneratedTests.writeIfChanged(file, render(application, l, className))) {
                        written.add(file);
                    }
                }
            }
            return new Generated(listeners, generated, written, deleteStale(output, new HashSet<>(generated)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write contract tests under '" + output + "': " + e.getMessage(), e);
        }
    }

    /** The source of one test, printed by JavaParser. */
    String render(String application, KafkaListenerMethod l, String className) {
        StringBuilder s = GeneratedTests.head(
                l.packageName(),
                "import dev.eventcontracts.spring.kafka.KafkaServiceContract;\n"
                        + "import dev.eventcontracts.spring.kafka.KafkaServiceContractExtension;\n",
                "Kafka service-mode contract test of {@code " + l.className() + "#" + l.method()
                        + "}: starts the service's own\n"
                        + "application context against Kafka and runs the Kafka contract scenarios (docs/kafka.md,\n"
                        + "service mode). Generated by event-contracts: change the listener or its configuration,\n"
                        + "not this file.",
                GENERATOR,
                l.className() + "#" + l.method() + " (Kafka service mode)",
                className);
        s.append("    @RegisterExtension\n")
                .append("    static final KafkaServiceContractExtension contract =")
                .append(" KafkaServiceContractExtension.of(contract());\n\n");
        s.append("    private static KafkaServiceContract contract() {\n")
                .append("        KafkaServiceContract.Builder builder = KafkaServiceContract.builder(")
                .append(application)
                .append(".class, ")
                .append(l.className())
                .append(".class, ")
                .append(quote(l.method()))
                .append(");\n")
                .append("        builder.topic(")
                .append(quote(l.topic()))
                .append(");\n");
        if (!l.claimedDeadLetterTopic().isEmpty()) {
            s.append("        builder.claimedDeadLetterTopic(")
                    .append(quote(l.claimedDeadLetterTopic()))
                    .append(");\n");
        }
        if (!l.orderedBy().isEmpty()) {
            s.append("        builder.orderedBy(").append(quote(l.orderedBy())).append(");\n");
        }
        for (String writer : l.previousWriterSchemaFiles()) {
            s.append("        builder.previousWriterSchemaFile(")
                    .append(quote(writer))
                    .append(");\n");
        }
        s.append("        return builder.build();\n    }\n\n");
        s.append("    @TestFactory\n")
                .append("    Stream<DynamicTest> scenarios() {\n")
                .append("        return contract.scenarios();\n")
                .append("    }\n}\n");
        ParseResult<CompilationUnit> parsed = parser.parse(s.toString());
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            throw new IllegalStateException(
                    "Generated Kafka service-mode test for " + l.id() + " does not parse: " + parsed.getProblems());
        }
        return parsed.getResult().get().toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static List<Path> deleteStale(Path output, Set<Path> keep) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return deleted;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(output)) {
            files = walk.filter(f -> f.toString().endsWith("KafkaContractIT.java"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            if (!keep.contains(f) && Files.readString(f).contains("@Generated(\"" + GENERATOR + "\")")) {
                Files.delete(f);
                deleted.add(f);
            }
        }
        return deleted;
    }

    private static Optional<String> firstLiteral(Expression e) {
        if (e instanceof ArrayInitializerExpr array) {
            return array.getValues().stream().findFirst().flatMap(KafkaServiceGeneration::literal);
        }
        return literal(e);
    }

    private static Optional<String> literal(Expression e) {
        return e instanceof StringLiteralExpr s ? Optional.of(s.asString()) : Optional.empty();
    }

    private static Optional<Expression> attribute(AnnotationExpr a, String name) {
        if (a instanceof SingleMemberAnnotationExpr s && name.equals("value")) {
            return Optional.of(s.getMemberValue());
        }
        if (a instanceof NormalAnnotationExpr n) {
            return n.getPairs().stream()
                    .filter(p -> p.getNameAsString().equals(name))
                    .map(p -> p.getValue())
                    .findFirst();
        }
        return Optional.empty();
    }

    private static Optional<AnnotationExpr> annotation(List<AnnotationExpr> annotations, String simpleName) {
        return annotations.stream()
                .filter(a -> a.getNameAsString().equals(simpleName)
                        || a.getNameAsString().endsWith("." + simpleName))
                .findFirst();
    }
}
