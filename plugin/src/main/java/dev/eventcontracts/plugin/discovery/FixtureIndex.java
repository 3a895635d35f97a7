package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code ConsumerFixture<T>} implementations in the test sources, by consumer type {@code T}. */
final class FixtureIndex {

    static final String FIXTURE_INTERFACE = "dev.eventcontracts.junit.ConsumerFixture";

    /**
     * A fixture class.
     *
     * @param className canonical name
     * @param source where it is
     * @param line its line
     * @param suppliesSamples true when it (or a base class in the sources) declares {@code samples()}
     */
    record Fixture(String className, SourceTree.Source source, int line, boolean suppliesSamples) {}

    private final Map<String, List<Fixture>> byConsumer = new TreeMap<>();

    static FixtureIndex of(List<SourceTree.Source> testSources) {
        FixtureIndex index = new FixtureIndex();
        for (SourceTree.Source source : testSources) {
            for (ClassOrInterfaceDeclaration type : source.unit().findAll(ClassOrInterfaceDeclaration.class)) {
                if (type.isInterface() || type.hasModifier(Modifier.Keyword.ABSTRACT)) {
                    continue;
                }
                consumerOf(type)
                        .ifPresent(consumer -> index.byConsumer
                                .computeIfAbsent(consumer, k -> new ArrayList<>())
                                .add(new Fixture(
                                        type.getFullyQualifiedName().orElse(type.getNameAsString()),
                                        source,
                                        SourceTree.line(type),
                                        declaresSamples(type))));
            }
        }
        return index;
    }

    List<Fixture> fixturesOf(String consumerClass) {
        return byConsumer.getOrDefault(consumerClass, List.of());
    }

    /** Whether the fixture overrides {@code samples()}: good messages for payloads we cannot build. */
    private static boolean declaresSamples(ClassOrInterfaceDeclaration type) {
        if (!type.getMethodsBySignature("samples").isEmpty()) {
            return true;
        }
        try {
            for (ResolvedReferenceType ancestor : type.resolve().getAllAncestors()) {
                if (ancestor.getQualifiedName().equals(FIXTURE_INTERFACE)
                        || ancestor.getQualifiedName().equals("java.lang.Object")) {
                    continue;
                }
                boolean declared = ancestor.getDeclaredMethods().stream()
                        .anyMatch(m -> m.getName().equals("samples") && m.getNoParams() == 0);
                if (declared) {
                    return true;
                }
            }
        } catch (RuntimeException | StackOverflowError unresolvable) {
            // only what the class itself declares is known
        }
        return false;
    }

    private static Optional<String> consumerOf(ClassOrInterfaceDeclaration type) {
        try {
            for (ResolvedReferenceType ancestor : type.resolve().getAllAncestors()) {
                if (ancestor.getQualifiedName().equals(FIXTURE_INTERFACE)
                        && !ancestor.typeParametersValues().isEmpty()) {
                    return Optional.of(ancestor.typeParametersValues().get(0).describe());
                }
            }
        } catch (RuntimeException | StackOverflowError unresolvable) {
            // fall back to the declaration as written
        }
        for (ClassOrInterfaceType implemented : type.getImplementedTypes()) {
            String name = implemented.getNameWithScope();
            if ((name.equals("ConsumerFixture") || name.equals(FIXTURE_INTERFACE))
                    && implemented.getTypeArguments().isPresent()
                    && !implemented.getTypeArguments().get().isEmpty()) {
                return Optional.of(
                        TypeNames.qualified(implemented.getTypeArguments().get().get(0)));
            }
        }
        return Optional.empty();
    }
}
