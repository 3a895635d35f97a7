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
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
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
 * Reads what service mode needs from the main sources: the {@code @SpringBootApplication} class and
 * the {@code @RabbitListener} methods with their literal queue and any {@code @EventConsumer}
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

    private final JavaParser parser =
            new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /** Scans the {@code .java} files under {@code roots}; unparsable files are left to discovery. */
    public Result scan(List<Path> roots) {
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
                visit(type, pkg, "", applications, listeners);
            }
        }
        applications.sort(Comparator.naturalOrder());
        listeners.sort(Comparator.comparing(ServiceListener::id));
        return new Result(applications.stream().findFirst(), List.copyOf(listeners));
    }

    private static void visit(
            TypeDeclaration<?> type,
            String pkg,
            String outer,
            List<String> applications,
            List<ServiceListener> listeners) {
        String name = outer.isEmpty() ? type.getNameAsString() : outer + "." + type.getNameAsString();
        if (annotation(type.getAnnotations(), "SpringBootApplication").isPresent()) {
            applications.add(pkg.isEmpty() ? name : pkg + "." + name);
        }
        if (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface()) {
            for (MethodDeclaration m : c.getMethods()) {
                Optional<AnnotationExpr> rabbit = annotation(m.getAnnotations(), "RabbitListener");
                if (rabbit.isEmpty()) {
                    continue;
                }
                Optional<AnnotationExpr> claim = annotation(m.getAnnotations(), "EventConsumer");
                listeners.add(new ServiceListener(
                        pkg,
                        name,
                        m.getNameAsString(),
                        queue(rabbit.get()),
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
                visit(nested, pkg, name, applications, listeners);
            }
        }
    }

    private static String queue(AnnotationExpr rabbit) {
        for (String attr : List.of("queues", "value")) {
            Optional<String> q = attribute(rabbit, attr).flatMap(SpringServiceScan::firstLiteral);
            if (q.isPresent()) {
                return q.get();
            }
        }
        return "";
    }

    private static Optional<String> firstLiteral(Expression e) {
        if (e instanceof ArrayInitializerExpr array) {
            return array.getValues().stream().findFirst().flatMap(SpringServiceScan::literal);
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
