package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ClassLoaderTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JarTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JavaParserTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds message consumers in a source tree with JavaParser and its symbol solver: methods
 * annotated {@code @EventConsumer}, {@code @RabbitListener}, {@code @KafkaListener},
 * {@code @JmsListener}, {@code @Incoming} or {@code @SqsListener}; their payload's Avro schema;
 * and their {@code ConsumerFixture} in the test sources. Never throws for a problem in the user's
 * sources: each becomes a {@link Finding} with file and line.
 *
 * <pre>{@code
 * DiscoveryResult result = new ConsumerDiscovery().discover(new DiscoveryRequest(
 *         List.of(Path.of("src/main/java")), List.of(Path.of("src/test/java")),
 *         classpathJars, List.of(Path.of("src/main/avro"))));
 * }</pre>
 */
public final class ConsumerDiscovery {

    /** Discovers consumers; each call uses its own parser and symbol solver. */
    public DiscoveryResult discover(DiscoveryRequest request) {
        List<Finding> findings = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        try {
            ParserConfiguration plain =
                    new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
            CombinedTypeSolver solver = typeSolver(request, plain, loaders, findings);
            ParserConfiguration config = new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setSymbolResolver(new JavaSymbolSolver(solver));
            JavaParser parser = new JavaParser(config);

            SchemaCatalog schemas = SchemaCatalog.scan(request.schemaDirectories(), findings);
            List<SourceTree.Source> main = SourceTree.parse(parser, request.mainSourceRoots(), findings);
            List<SourceTree.Source> tests = SourceTree.parse(parser, request.testSourceRoots(), findings);
            FixtureIndex fixtures = FixtureIndex.of(tests);

            List<ConsumerModel> consumers = new HandlerReader(schemas, fixtures, findings).read(main);
            consumers = consumers.stream()
                    .sorted(Comparator.comparing(ConsumerModel::consumerClass).thenComparing(ConsumerModel::handler))
                    .toList();
            findings.sort(Comparator.comparing(
                            (Finding f) -> f.file() == null ? "" : f.file().toString())
                    .thenComparingInt(Finding::line)
                    .thenComparing(Finding::code));
            return new DiscoveryResult(consumers, findings);
        } finally {
            for (URLClassLoader loader : loaders) {
                try {
                    loader.close();
                } catch (IOException e) {
                    // nothing left to release
                }
            }
        }
    }

    private static CombinedTypeSolver typeSolver(
            DiscoveryRequest request, ParserConfiguration plain, List<URLClassLoader> loaders, List<Finding> findings) {
        CombinedTypeSolver solver = new CombinedTypeSolver(new ReflectionTypeSolver(true));
        List<Path> roots = new ArrayList<>(request.mainSourceRoots());
        roots.addAll(request.testSourceRoots());
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                solver.add(new JavaParserTypeSolver(root, plain));
            }
        }
        List<URL> directories = new ArrayList<>();
        for (Path entry : request.classpath()) {
            try {
                if (Files.isDirectory(entry)) {
                    directories.add(entry.toUri().toURL());
                } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
                    solver.add(new JarTypeSolver(entry));
                }
            } catch (IOException | RuntimeException e) {
                findings.add(new Finding(
                        Severity.INFO,
                        "unparsable-source",
                        "Classpath entry cannot be read for symbol resolution: " + e.getMessage(),
                        entry,
                        0));
            }
        }
        if (!directories.isEmpty()) {
            URLClassLoader loader = new URLClassLoader(directories.toArray(URL[]::new), null);
            loaders.add(loader);
            solver.add(new ClassLoaderTypeSolver(loader) {});
        }
        return solver;
    }
}
