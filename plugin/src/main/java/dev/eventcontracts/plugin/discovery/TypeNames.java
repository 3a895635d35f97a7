package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.resolution.types.ResolvedType;
import java.util.Optional;

/** Qualified names of types, through the symbol solver, falling back to the file's imports. */
final class TypeNames {

    private TypeNames() {}

    static String qualified(Type type) {
        try {
            ResolvedType resolved = type.resolve();
            return resolved.describe();
        } catch (RuntimeException | StackOverflowError unresolvable) {
            return fromImports(type);
        }
    }

    private static String fromImports(Type type) {
        String written = type.asString();
        if (written.contains(".") || type.isPrimitiveType() || type.isArrayType()) {
            return written;
        }
        String simple = written.replaceAll("<.*>", "");
        Optional<CompilationUnit> unit = type.findCompilationUnit();
        if (unit.isPresent()) {
            for (ImportDeclaration imp : unit.get().getImports()) {
                if (!imp.isAsterisk()
                        && !imp.isStatic()
                        && imp.getName().getIdentifier().equals(simple)) {
                    return imp.getNameAsString();
                }
            }
            String pkg = unit.get()
                    .getPackageDeclaration()
                    .map(p -> p.getNameAsString() + ".")
                    .orElse("");
            return pkg + simple;
        }
        return simple;
    }
}
