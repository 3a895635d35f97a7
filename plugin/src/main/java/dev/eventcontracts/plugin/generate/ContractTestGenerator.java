package dev.eventcontracts.plugin.generate;

import dev.eventcontracts.plugin.discovery.ConsumerModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes one JUnit 5 contract test per consumer, {@code <Consumer>ContractIT} in the consumer's
 * package under the output directory, built as a JavaParser AST and printed. Output is
 * deterministic (byte-identical for the same models), carries {@code @Generated}, and files are
 * only rewritten when their content changes. Earlier generated tests of consumers that no longer
 * exist are deleted; files without the generator's marker are never touched.
 */
public final class ContractTestGenerator {

    /** The {@code @Generated} value that marks files this generator owns. */
    static final String GENERATOR = "dev.eventcontracts.plugin.generate.ContractTestGenerator";

    private final Path workingDirectory;

    /** A generator resolving {@code .avsc} paths relative to the current working directory. */
    public ContractTestGenerator() {
        this(Path.of("").toAbsolutePath());
    }

    /** A generator writing {@code .avsc} paths relative to {@code projectDirectory}. */
    public ContractTestGenerator(Path projectDirectory) {
        this.workingDirectory = projectDirectory.toAbsolutePath().normalize();
    }

    /**
     * Generates the tests of {@code consumers} under {@code outputDirectory}.
     *
     * @throws UncheckedIOException when the output directory cannot be written
     */
    public GenerationResult generate(List<ConsumerModel> consumers, Path outputDirectory) {
        Map<String, List<ConsumerModel>> byClass = consumers.stream()
                .collect(Collectors.groupingBy(ConsumerModel::consumerClass, TreeMap::new, Collectors.toList()));
        List<Path> generated = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            for (List<ConsumerModel> handlers : byClass.values()) {
                handlers.sort(Comparator.comparing(ConsumerModel::handler));
                for (ConsumerModel model : handlers) {
                    String className = handlers.size() == 1
                            ? model.consumerSimpleName() + "ContractIT"
                            : model.consumerSimpleName() + capitalize(model.handler()) + "ContractIT";
                    String source = new ContractTestSource(model, className, workingDirectory).render();
                    Path dir = model.packageName().isEmpty()
                            ? outputDirectory
                            : outputDirectory.resolve(model.packageName().replace('.', '/'));
                    Path file = dir.resolve(className + ".java");
                    generated.add(file);
                    byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
                    if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                        Files.createDirectories(dir);
                        Files.write(file, bytes);
                        written.add(file);
                    }
                }
            }
            List<Path> deleted = deleteStale(outputDirectory, new HashSet<>(generated));
            return new GenerationResult(generated, written, deleted);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write contract tests under '" + outputDirectory + "': " + e.getMessage(), e);
        }
    }

    private static List<Path> deleteStale(Path outputDirectory, Set<Path> keep) throws IOException {
        if (!Files.isDirectory(outputDirectory)) {
            return List.of();
        }
        List<Path> stale;
        try (Stream<Path> files = Files.walk(outputDirectory)) {
            stale = files.filter(f -> f.getFileName().toString().endsWith("ContractIT.java"))
                    .filter(f -> !keep.contains(f))
                    .sorted()
                    .toList();
        }
        List<Path> deleted = new ArrayList<>();
        for (Path file : stale) {
            if (Files.readString(file, StandardCharsets.UTF_8).contains("@Generated(value = \"" + GENERATOR + "\"")) {
                Files.delete(file);
                deleted.add(file);
            }
        }
        return deleted;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
