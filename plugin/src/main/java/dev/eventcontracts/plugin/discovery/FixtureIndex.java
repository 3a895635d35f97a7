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
     */
    record Fixture(String className, SourceTree.Source source, int line) {}

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
                                        SourceTree.line(type))));
            }
        }
        return index;
    }

    List<Fixture> fixturesOf(String consumerClass) {
        return byConsumer.getOrDefault(consumerClass, List.of());
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
