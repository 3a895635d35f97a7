package dev.eventcontracts.plugin.service;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.resolution.declarations.ResolvedValueDeclaration;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.declarations.JavaParserFieldDeclaration;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JavaParserTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads what service mode needs from the main sources: the {@code @SpringBootApplication} class,
 * the {@code @RabbitListener} methods and the {@code @RabbitHandler} methods of classes annotated
 * {@code @RabbitListener}, with their queue (see {@link #queue}) and any {@code @EventConsumer}
 * claims. Topology is not read here: the runtime observes what the service declares at the broker.
 */
public final class SpringServiceScan {

    /**
     * What the scan found.
     *
     * @param application the fully qualified {@code @SpringBootApplication} class, or empty
     * @param listeners the listener methods, sorted by id
     */
    public record Result(Optional<String> application, List<ServiceListener> listeners) {}

    /**
     * Scans the {@code .java} files under {@code roots}; unparsable files are left to discovery.
     * Constants in queue names resolve through a symbol solver over the same roots.
     */
    public Result scan(List<Path> roots) {
        CombinedTypeSolver solver = new CombinedTypeSolver(new ReflectionTypeSolver(true));
        ParserConfiguration plain =
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                solver.add(new JavaParserTypeSolver(root, plain));
            }
        }
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setSymbolResolver(new JavaSymbolSolver(solver)));
        List<String> applications = new ArrayList<>();
        List<ServiceListener> listeners = new ArrayList<>();
        for (Path file : javaFiles(roots)) {
            ParseResult<CompilationUnit> parsed;
            try {
                parsed = parser.parse(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read '" + file + "': " + e.getMessage(), e);
            }
            if (parsed.getResult().isEmpty()) {
                continue;
            }
            CompilationUnit unit = parsed.getResult().get();
            String pkg =
                    unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
            for (TypeDeclaration<?> type : unit.getTypes()) {
                visit(type, unit, pkg, "", applications, listeners);
            }
        }
        applications.sort(Comparator.naturalOrder());
        listeners.sort(Comparator.comparing(ServiceListener::id));
        return new Result(applications.stream().findFirst(), List.copyOf(listeners));
    }

    private static void visit(
            TypeDeclaration<?> type,
            CompilationUnit unit,
            String pkg,
            String outer,
            List<String> applications,
            List<ServiceListener> listeners) {
        String name = outer.isEmpty() ? type.getNameAsString() : outer + "." + type.getNameAsString();
        if (annotation(type.getAnnotations(), "SpringBootApplication").isPresent()) {
            applications.add(pkg.isEmpty() ? name : pkg + "." + name);
        }
        if (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface()) {
            Optional<AnnotationExpr> classLevel = annotation(c.getAnnotations(), "RabbitListener");
            List<MethodDeclaration> handlers = classLevel.isEmpty()
                    ? List.of()
                    : c.getMethods().stream()
                            .filter(m -> annotation(m.getAnnotations(), "RabbitHandler")
                                    .isPresent())
                            .toList();
            for (MethodDeclaration m : c.getMethods()) {
                Optional<AnnotationExpr> rabbit = annotation(m.getAnnotations(), "RabbitListener");
                boolean handler = handlers.contains(m);
                if (rabbit.isEmpty() && !handler) {
                    continue;
                }
                QueueRef queue = queue(rabbit.isPresent() ? rabbit.get() : classLevel.get());
                String payload = "";
                boolean overloaded = false;
                if (rabbit.isEmpty()) {
                    payload = qualified(payloadType(m), unit, pkg);
                    overloaded = handlers.stream()
                                    .filter(h -> h.getNameAsString().equals(m.getNameAsString()))
                                    .count()
                            > 1;
                }
                Optional<AnnotationExpr> claim = annotation(m.getAnnotations(), "EventConsumer");
                listeners.add(new ServiceListener(
                        pkg,
                        name,
                        m.getNameAsString(),
                        payload,
                        overloaded,
                        queue.name(),
                        queue.source(),
                        claim.flatMap(a -> attribute(a, "deadLetterQueue"))
                                .flatMap(SpringServiceScan::literal)
                                .orElse(""),
                        claim.flatMap(a -> attribute(a, "maxAttempts"))
                                .filter(IntegerLiteralExpr.class::isInstance)
                                .map(e -> ((IntegerLiteralExpr) e).asNumber().intValue())
                                .orElse(0)));
            }
        }
        for (var member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                visit(nested, unit, pkg, name, applications, listeners);
            }
        }
    }

    /**
     * A listener's queue as written: {@code name} is what the runtime looks for (a literal, a
     * constant's value, or a {@code ${...}} placeholder it resolves against the service's
     * environment), empty when only the running container can tell (SpEL, a bean reference, an
     * anonymous {@code @Queue}); {@code source} is the expression when it is not a plain literal.
     */
    record QueueRef(String name, String source) {}

    /**
     * The first queue of {@code queues} (or {@code value}), else of {@code queuesToDeclare =
     * @Queue(...)}, else of {@code bindings = @QueueBinding(value = @Queue(...))} — the order in
     * which Spring AMQP lists a listener's queues.
     */
    static QueueRef queue(AnnotationExpr rabbit) {
        for (String attr : List.of("queues", "value")) {
            Optional<Expression> e = attribute(rabbit, attr).flatMap(SpringServiceScan::first);
            if (e.isPresent()) {
                return named(e.get());
            }
        }
        Optional<AnnotationExpr> declared = attribute(rabbit, "queuesToDeclare")
                .flatMap(SpringServiceScan::first)
                .flatMap(SpringServiceScan::asAnnotation);
        if (declared.isPresent()) {
            return queueAnnotation(declared.get());
        }
        Optional<AnnotationExpr> binding = attribute(rabbit, "bindings")
                .flatMap(SpringServiceScan::first)
                .flatMap(SpringServiceScan::asAnnotation);
        if (binding.isPresent()) {
            Optional<AnnotationExpr> bound = attribute(binding.get(), "value").flatMap(SpringServiceScan::asAnnotation);
            if (bound.isPresent()) {
                return queueAnnotation(bound.get());
            }
        }
        return new QueueRef("", "");
    }

    private static QueueRef queueAnnotation(AnnotationExpr queue) {
        for (String attr : List.of("value", "name")) {
            Optional<Expression> e = attribute(queue, attr);
            if (e.isPresent()) {
                QueueRef ref = named(e.get());
                if (!ref.name().isEmpty() || !ref.source().isEmpty()) {
                    return ref;
                }
            }
        }
        return new QueueRef("", queue.toString()); // anonymous: Spring names it at run time
    }

    private static QueueRef named(Expression e) {
        Optional<String> value = constantString(e);
        if (value.isEmpty()) {
            return new QueueRef("", e.toString());
        }
        String v = value.get();
        if (v.contains("#{")) {
            return new QueueRef("", v); // SpEL or a bean reference: only the running container knows
        }
        return new QueueRef(v, e instanceof StringLiteralExpr ? "" : e.toString());
    }

    /** A literal, a concatenation, or a {@code static final} constant declared in the sources. */
    private static Optional<String> constantString(Expression e) {
        if (e instanceof StringLiteralExpr s) {
            return Optional.of(s.asString());
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return Optional.of(t.asString());
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<String> left = constantString(b.getLeft());
            Optional<String> right = constantString(b.getRight());
            return left.isPresent() && right.isPresent() ? Optional.of(left.get() + right.get()) : Optional.empty();
        }
        if (e.isNameExpr()) {
            // a constant of the enclosing class, found without the symbol solver
            String name = e.asNameExpr().getNameAsString();
            Optional<Expression> own = e.findAncestor(TypeDeclaration.class)
                    .flatMap(t -> ((TypeDeclaration<?>) t).getFieldByName(name))
                    .flatMap(f -> f.getVariables().stream()
                            .filter(v -> v.getNameAsString().equals(name))
                            .findFirst())
                    .flatMap(v -> v.getInitializer());
            if (own.isPresent()) {
                return constantString(own.get());
            }
        }
        if (e.isNameExpr() || e.isFieldAccessExpr()) {
            try {
                ResolvedValueDeclaration d = e.isNameExpr()
                        ? e.asNameExpr().resolve()
                        : e.asFieldAccessExpr().resolve();
                if (d instanceof JavaParserFieldDeclaration f) {
                    return f.getVariableDeclarator().getInitializer().flatMap(SpringServiceScan::constantString);
                }
            } catch (RuntimeException unresolvable) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Expression> first(Expression e) {
        if (e instanceof ArrayInitializerExpr array) {
            return array.getValues().stream().findFirst();
        }
        return Optional.of(e);
    }

    private static Optional<AnnotationExpr> asAnnotation(Expression e) {
        return e.isAnnotationExpr() ? Optional.of(e.asAnnotationExpr()) : Optional.empty();
    }

    /**
     * The payload parameter's type as written: the one marked {@code @Payload}, else the first that
     * is not a {@code Channel}, {@code Message}, {@code MessageHeaders} or {@code @Header(s)}.
     */
    private static String payloadType(MethodDeclaration m) {
        for (Parameter p : m.getParameters()) {
            if (annotation(p.getAnnotations(), "Payload").isPresent()) {
                return p.getType().asString();
            }
        }
        for (Parameter p : m.getParameters()) {
            String t = p.getType().asString();
            String simple = t.substring(t.lastIndexOf('.') + 1);
            boolean infrastructure = simple.equals("Channel")
                    || simple.equals("Message")
                    || simple.startsWith("Message<")
                    || simple.equals("MessageHeaders");
            if (!infrastructure
                    && annotation(p.getAnnotations(), "Header").isEmpty()
                    && annotation(p.getAnnotations(), "Headers").isEmpty()) {
                return t;
            }
        }
        return m.getParameters().isEmpty()
                ? "Object"
                : m.getParameter(0).getType().asString();
    }

    /**
     * {@code type} (raw, as written) qualified through the file's imports, else as a type of the
     * file's own package; {@code java.lang} types and qualified names stay as written.
     */
    static String qualified(String type, CompilationUnit unit, String pkg) {
        String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        if (Character.isLowerCase(raw.charAt(0)) || raw.equals("Object") || raw.equals("String")) {
            return raw; // qualified already, or a primitive/array of java.lang
        }
        String outer = raw.contains(".") ? raw.substring(0, raw.indexOf('.')) : raw;
        for (var imp : unit.getImports()) {
            if (!imp.isStatic()
                    && !imp.isAsterisk()
                    && imp.getName().getIdentifier().equals(outer)) {
                return imp.getNameAsString() + raw.substring(outer.length());
            }
        }
        return pkg.isEmpty() ? raw : pkg + "." + raw;
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

    private static List<Path> javaFiles(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list sources under '" + root + "': " + e.getMessage(), e);
            }
        }
        return files;
    }
}
