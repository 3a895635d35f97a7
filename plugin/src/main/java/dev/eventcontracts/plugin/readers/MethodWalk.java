package dev.eventcontracts.plugin.readers;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.eventcontracts.registry.consumers.FieldRead;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;

/** One walk of {@link FieldReadAnalysis}: a method body with the variables bound to payload paths. */
final class MethodWalk {

    private static final int MAX_DEPTH = 4;

    private final Schema reader;
    private final List<FieldReadAnalysis.Parsed> sources;
    private final Function<Path, String> display;
    private final List<FieldRead> reads;
    private final Set<String> visited = new HashSet<>();

    MethodWalk(
            Schema reader,
            List<FieldReadAnalysis.Parsed> sources,
            Function<Path, String> display,
            List<FieldRead> reads) {
        this.reader = reader;
        this.sources = sources;
        this.display = display;
        this.reads = reads;
    }

    void walk(FieldReadAnalysis.Parsed file, MethodDeclaration method, Map<String, String> params, int depth) {
        if (depth > MAX_DEPTH || !visited.add(file.file() + "#" + line(method) + params)) {
            return;
        }
        Map<String, String> bindings = new LinkedHashMap<>(params);
        for (Node node : method.findAll(Node.class)) {
            if (node instanceof VariableDeclarator variable) {
                variable.getInitializer()
                        .map(init -> path(init, bindings))
                        .ifPresent(p -> bindings.put(variable.getNameAsString(), p));
            } else if (node instanceof AssignExpr assign && assign.getTarget() instanceof NameExpr target) {
                String p = path(assign.getValue(), bindings);
                if (p != null) {
                    bindings.put(target.getNameAsString(), p);
                }
            } else if (node instanceof MethodCallExpr call) {
                String p = path(call, bindings);
                if (p != null) {
                    reads.add(new FieldRead(
                            p,
                            display.apply(file.file()),
                            call.getName().getBegin().map(b -> b.line).orElse(0)));
                } else {
                    follow(file, call, bindings, depth);
                }
            }
        }
    }

    /** Follows a call that passes payload values to a method of the same sources. */
    private void follow(FieldReadAnalysis.Parsed file, MethodCallExpr call, Map<String, String> bindings, int depth) {
        Map<Integer, String> passed = new LinkedHashMap<>();
        for (int i = 0; i < call.getArguments().size(); i++) {
            String p = path(call.getArgument(i), bindings);
            if (p != null) {
                passed.put(i, p);
            }
        }
        if (passed.isEmpty()) {
            return;
        }
        boolean local = call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr;
        List<FieldReadAnalysis.Parsed> where = local ? List.of(file) : sources;
        for (FieldReadAnalysis.Parsed source : where) {
            for (MethodDeclaration callee : source.unit()
                    .findAll(
                            MethodDeclaration.class,
                            m -> m.getNameAsString().equals(call.getNameAsString())
                                    && m.getParameters().size()
                                            == call.getArguments().size()
                                    && m.getBody().isPresent())) {
                Map<String, String> params = new LinkedHashMap<>();
                passed.forEach((i, p) -> params.put(callee.getParameter(i).getNameAsString(), p));
                walk(source, callee, params, depth + 1);
            }
        }
    }

    /** The payload path an expression evaluates to ({@code ""} for the payload itself), or null. */
    private String path(Expression expression, Map<String, String> bindings) {
        if (expression instanceof NameExpr name) {
            return bindings.get(name.getNameAsString());
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return path(enclosed.getInner(), bindings);
        }
        if (expression instanceof CastExpr cast) {
            return path(cast.getExpression(), bindings);
        }
        if (expression instanceof MethodCallExpr call && call.getScope().isPresent()) {
            String scope = path(call.getScope().get(), bindings);
            if (scope == null) {
                return null;
            }
            Schema record = recordAt(scope);
            String field = record == null ? null : field(call, record);
            return field == null ? null : scope.isEmpty() ? field : scope + "." + field;
        }
        return null;
    }

    /** The field a call on a record reads, or null when it is not a read of one of its fields. */
    private static String field(MethodCallExpr call, Schema record) {
        String name = call.getNameAsString();
        if (name.equals("get")
                && call.getArguments().size() == 1
                && call.getArgument(0) instanceof StringLiteralExpr literal) {
            return record.getField(literal.asString()) != null ? literal.asString() : null;
        }
        if (!call.getArguments().isEmpty()) {
            return null;
        }
        String bare = name.startsWith("get") && name.length() > 3
                ? name.substring(3)
                : name.startsWith("is") && name.length() > 2 ? name.substring(2) : name;
        for (Schema.Field field : record.getFields()) {
            String key = normalize(field.name());
            if (key.equals(normalize(name)) || key.equals(normalize(bare))) {
                return field.name();
            }
        }
        return null;
    }

    private static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The record at a path of the reader schema (through nullable unions), or null. */
    private Schema recordAt(String path) {
        Schema current = record(reader);
        if (path.isEmpty() || current == null) {
            return current;
        }
        for (String part : path.split("\\.")) {
            Schema.Field field = current.getField(part);
            current = field == null ? null : record(field.schema());
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static Schema record(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream()
                    .filter(s -> s.getType() == Schema.Type.RECORD)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }
}
