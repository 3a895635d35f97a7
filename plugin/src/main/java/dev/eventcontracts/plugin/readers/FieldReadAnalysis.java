package dev.eventcontracts.plugin.readers;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.registry.consumers.FieldRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Finds the payload fields a consumer's code reads: getters ({@code getCustomerId()}, {@code
 * isPaid()}), record-style accessors ({@code customerId()}) and generic reads ({@code
 * get("customerId")}) on the payload, on nested records reached through it, and on local
 * variables holding them, in the handler and in the methods of the same sources it passes them to
 * (matched by name and argument count, a few calls deep). Calls are matched against the reader
 * schema's field names, so {@code toString()} or {@code getSchema()} are not reads. No symbol
 * solving: it works on sources that do not compile yet. See {@code docs/compatibility.md},
 * "Consumer contracts".
 */
public final class FieldReadAnalysis {

    private final JavaParser parser =
            new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    private final Path projectDirectory;
    private final List<Path> sourceRoots;
    private List<Parsed> parsed;

    /** Parsed source file. */
    record Parsed(Path file, CompilationUnit unit) {}

    /**
     * An analysis over a project's main sources (parsed once, on first use).
     *
     * @param projectDirectory the project, for the file names of reads
     * @param sourceRoots the roots of the main sources
     */
    public FieldReadAnalysis(Path projectDirectory, List<Path> sourceRoots) {
        this.projectDirectory = projectDirectory.toAbsolutePath().normalize();
        this.sourceRoots = List.copyOf(sourceRoots);
    }

    /** The fields of {@code reader} the consumer's handler reads, sorted by field and line. */
    public List<FieldRead> reads(ConsumerModel consumer, Schema reader) {
        List<Parsed> sources = sources();
        Optional<Parsed> file = sources.stream()
                .filter(p -> consumer.file() != null
                        && p.file().equals(consumer.file().toAbsolutePath().normalize()))
                .findFirst();
        if (file.isEmpty()) {
            return List.of();
        }
        Optional<MethodDeclaration> handler = handler(file.get().unit(), consumer);
        if (handler.isEmpty() || handler.get().getParameters().isEmpty()) {
            return List.of();
        }
        Parameter payload = payloadParameter(handler.get(), consumer.payloadType());
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put(payload.getNameAsString(), "");
        List<FieldRead> reads = new ArrayList<>();
        new MethodWalk(reader, sources, this::display, reads).walk(file.get(), handler.get(), bindings, 0);
        return reads.stream()
                .distinct()
                .sorted(Comparator.comparing(FieldRead::field).thenComparingInt(FieldRead::line))
                .toList();
    }

    private List<Parsed> sources() {
        if (parsed == null) {
            List<Parsed> all = new ArrayList<>();
            for (Path root : sourceRoots) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(f -> f.toString().endsWith(".java"))
                            .sorted()
                            .toList()) {
                        ParseResult<CompilationUnit> result = parser.parse(file);
                        result.getResult()
                                .filter(u -> result.isSuccessful())
                                .ifPresent(u ->
                                        all.add(new Parsed(file.toAbsolutePath().normalize(), u)));
                    }
                } catch (IOException e) {
                    // an unreadable source has no reads we can see; discovery reports it
                }
            }
            parsed = List.copyOf(all);
        }
        return parsed;
    }

    private static Optional<MethodDeclaration> handler(CompilationUnit unit, ConsumerModel consumer) {
        List<MethodDeclaration> named =
                unit.findAll(MethodDeclaration.class, m -> m.getNameAsString().equals(consumer.handler()));
        return named.stream().min(Comparator.comparingInt(m -> Math.abs(MethodWalk.line(m) - consumer.line())));
    }

    private static Parameter payloadParameter(MethodDeclaration handler, String payloadType) {
        String simple = payloadType == null ? "" : payloadType.substring(payloadType.lastIndexOf('.') + 1);
        return handler.getParameters().stream()
                .filter(p -> p.getType().asString().equals(simple)
                        || p.getType().asString().equals(payloadType))
                .findFirst()
                .orElse(handler.getParameter(0));
    }

    private String display(Path file) {
        return file.startsWith(projectDirectory)
                ? projectDirectory.relativize(file).toString().replace('\\', '/')
                : file.toString();
    }
}
