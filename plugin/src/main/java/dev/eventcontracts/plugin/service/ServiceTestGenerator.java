package dev.eventcontracts.plugin.service;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes one service-mode contract test per {@code @RabbitListener} method: {@code
 * <Listener>ContractIT} in the listener's package, which starts the service's application context
 * through {@code ServiceContractExtension} and runs every scenario as a dynamic test. Output is
 * deterministic, carries {@code @Generated}, is parsed and printed by JavaParser, and files are
 * only rewritten when they change. Stale generated tests — this generator's and plain mode's — are
 * deleted; other files are never touched.
 */
public final class ServiceTestGenerator {

    /** The {@code @Generated} value that marks files this generator owns. */
    static final String GENERATOR = "dev.eventcontracts.plugin.service.ServiceTestGenerator";

    /** Plain mode's marker: its tests are stale once service mode takes over. */
    private static final String PLAIN_GENERATOR = "dev.eventcontracts.plugin.generate.ContractTestGenerator";

    private final JavaParser parser =
            new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /** What was generated: every file, and those written or deleted this time. */
    public record Generated(List<Path> generated, List<Path> written, List<Path> deleted) {}

    /** Generates the tests of {@code listeners} of the service {@code application} under {@code output}. */
    public Generated generate(String application, List<ServiceListener> listeners, Path output) {
        Map<String, List<ServiceListener>> byClass = listeners.stream()
                .collect(Collectors.groupingBy(
                        l -> l.packageName() + "." + l.className(), TreeMap::new, Collectors.toList()));
        List<Path> generated = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            for (List<ServiceListener> methods : byClass.values()) {
                for (ServiceListener l : methods) {
                    String simple = l.className().replace(".", "");
                    String className = methods.size() == 1
                            ? simple + "ContractIT"
                            : simple + Character.toUpperCase(l.method().charAt(0))
                                    + l.method().substring(1) + (l.overloaded() ? l.simplePayload() : "")
                                    + "ContractIT";
                    String source = render(application, l, className);
                    Path dir = l.packageName().isEmpty()
                            ? output
                            : output.resolve(l.packageName().replace('.', '/'));
                    Path file = dir.resolve(className + ".java");
                    generated.add(file);
                    byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
                    if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
                        Files.createDirectories(dir);
                        Files.write(file, bytes);
                        written.add(file);
                    }
                }
            }
            return new Generated(generated, written, deleteStale(output, new HashSet<>(generated)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write contract tests under '" + output + "': " + e.getMessage(), e);
        }
    }

    /** The source of one test, printed by JavaParser. */
    String render(String application, ServiceListener l, String className) {
        StringBuilder s = new StringBuilder();
        if (!l.packageName().isEmpty()) {
            s.append("package ").append(l.packageName()).append(";\n\n");
        }
        s.append("import dev.eventcontracts.spring.ServiceContract;\n")
                .append("import dev.eventcontracts.spring.ServiceContractExtension;\n")
                .append("import java.util.stream.Stream;\n")
                .append("import javax.annotation.processing.Generated;\n")
                .append("import org.junit.jupiter.api.DisplayName;\n")
                .append("import org.junit.jupiter.api.DynamicTest;\n")
                .append("import org.junit.jupiter.api.TestFactory;\n")
                .append("import org.junit.jupiter.api.extension.RegisterExtension;\n\n");
        s.append("/**\n * Service-mode contract test of {@code ")
                .append(l.className())
                .append('#')
                .append(l.handlerName())
                .append("}: starts the service's own\n")
                .append(" * application context against the harness broker and runs the contract scenarios\n")
                .append(" * (docs/service-mode.md). Generated by event-contracts: change the listener or its\n")
                .append(" * configuration, not this file.\n */\n");
        s.append("@Generated(\"").append(GENERATOR).append("\")\n");
        s.append("@DisplayName(\"")
                .append(l.className())
                .append('#')
                .append(l.handlerName())
                .append(" (service mode)\")\n");
        s.append("class ").append(className).append(" {\n\n");
        s.append("    @RegisterExtension\n")
                .append(
                        "    static final ServiceContractExtension contract = ServiceContractExtension.of(contract());\n\n");
        s.append("    private static ServiceContract contract() {\n")
                .append("        ServiceContract.Builder builder = ServiceContract.builder(")
                .append(application)
                .append(".class, ")
                .append(l.className())
                .append(".class, ")
                .append(quote(l.method()))
                .append(l.classLevel() ? ", " + l.payloadType() + ".class" : "")
                .append(");\n")
                .append("        builder.queue(")
                .append(quote(l.queue()))
                .append(");\n");
        if (!l.claimedDeadLetterQueue().isEmpty()) {
            s.append("        builder.claimedDeadLetterQueue(")
                    .append(quote(l.claimedDeadLetterQueue()))
                    .append(");\n");
        }
        if (l.claimedMaxAttempts() > 0) {
            s.append("        builder.claimedMaxAttempts(")
                    .append(l.claimedMaxAttempts())
                    .append(");\n");
        }
        s.append("        return builder.build();\n    }\n\n");
        s.append("    @TestFactory\n")
                .append("    Stream<DynamicTest> scenarios() {\n")
                .append("        return contract.scenarios();\n")
                .append("    }\n}\n");
        ParseResult<CompilationUnit> parsed = parser.parse(s.toString());
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            throw new IllegalStateException(
                    "Generated service-mode test for " + l.id() + " does not parse: " + parsed.getProblems());
        }
        return parsed.getResult().get().toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static List<Path> deleteStale(Path output, Set<Path> keep) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return deleted;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(output)) {
            files = walk.filter(f -> f.toString().endsWith("ContractIT.java"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            if (keep.contains(f)) {
                continue;
            }
            String text = Files.readString(f);
            if (text.contains("@Generated(\"" + GENERATOR + "\")") || text.contains(PLAIN_GENERATOR)) {
                Files.delete(f);
                deleted.add(f);
            }
        }
        return deleted;
    }
}
