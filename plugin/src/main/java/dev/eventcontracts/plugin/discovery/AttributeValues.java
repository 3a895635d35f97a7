package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.resolution.declarations.ResolvedValueDeclaration;
import com.github.javaparser.symbolsolver.javaparsermodel.declarations.JavaParserFieldDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates annotation attribute values: string literals, text blocks, concatenations, arrays,
 * class literals, integers, and {@code static final} constants resolved through the symbol solver.
 * What it cannot evaluate is reported as {@link Unresolved}.
 */
final class AttributeValues {

    /** Thrown for an expression that is not a compile-time constant discovery can evaluate. */
    static final class Unresolved extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Node node;

        Unresolved(String message, Node node) {
            super(message);
            this.node = node;
        }
    }

    private AttributeValues() {}

    /** The value of attribute {@code name} ({@code value} also matches a single-member annotation). */
    static Optional<Expression> attribute(AnnotationExpr annotation, String name) {
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            return name.equals("value") ? Optional.of(single.getMemberValue()) : Optional.empty();
        }
        if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals(name)) {
                    return Optional.of(pair.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** A string or array of strings. */
    static List<String> strings(Expression expression) throws Unresolved {
        List<String> out = new ArrayList<>();
        if (expression instanceof ArrayInitializerExpr array) {
            for (Expression value : array.getValues()) {
                out.add(string(value));
            }
        } else {
            out.add(string(expression));
        }
        return out;
    }

    static String string(Expression expression) throws Unresolved {
        if (expression instanceof StringLiteralExpr literal) {
            return literal.asString();
        }
        if (expression instanceof TextBlockLiteralExpr block) {
            return block.asString();
        }
        if (expression instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
            return string(binary.getLeft()) + string(binary.getRight());
        }
        if (expression instanceof IntegerLiteralExpr integer) {
            return integer.getValue();
        }
        if (expression.isNameExpr() || expression.isFieldAccessExpr()) {
            return string(constant(expression));
        }
        throw new Unresolved("'" + expression + "' is not a constant string", expression);
    }

    static int integer(Expression expression) throws Unresolved {
        if (expression instanceof IntegerLiteralExpr integer) {
            return integer.asNumber().intValue();
        }
        if (expression.isNameExpr() || expression.isFieldAccessExpr()) {
            return integer(constant(expression));
        }
        if (expression.isUnaryExpr()
                && expression.asUnaryExpr().getOperator().asString().equals("-")) {
            return -integer(expression.asUnaryExpr().getExpression());
        }
        throw new Unresolved("'" + expression + "' is not a constant integer", expression);
    }

    /** Class literals, resolved to canonical names (the name as written when unresolvable). */
    /**
     * The constant an enum attribute names, as written: {@code WireFormat.CONFLUENT} or a
     * statically imported {@code CONFLUENT} give {@code "CONFLUENT"}.
     */
    static String enumConstant(Expression expression) {
        if (expression.isFieldAccessExpr()) {
            return expression.asFieldAccessExpr().getNameAsString();
        }
        if (expression.isNameExpr()) {
            return expression.asNameExpr().getNameAsString();
        }
        return expression.toString();
    }

    static List<String> classes(Expression expression) {
        List<Expression> values =
                expression instanceof ArrayInitializerExpr array ? array.getValues() : List.of(expression);
        List<String> out = new ArrayList<>();
        for (Expression value : values) {
            if (value instanceof ClassExpr classExpr) {
                out.add(TypeNames.qualified(classExpr.getType()));
            }
        }
        return out;
    }

    private static Expression constant(Expression reference) throws Unresolved {
        ResolvedValueDeclaration declaration;
        try {
            declaration = reference.isNameExpr()
                    ? reference.asNameExpr().resolve()
                    : reference.asFieldAccessExpr().resolve();
        } catch (RuntimeException e) {
            throw new Unresolved("constant '" + reference + "' cannot be resolved (" + e.getMessage() + ")", reference);
        }
        if (declaration instanceof JavaParserFieldDeclaration field) {
            VariableDeclarator variable = field.getVariableDeclarator();
            if (variable.getInitializer().isPresent()) {
                return variable.getInitializer().get();
            }
        }
        throw new Unresolved(
                "constant '" + reference + "' is not a field with an initializer in the sources", reference);
    }
}
