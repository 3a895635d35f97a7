package dev.eventcontracts.plugin.discovery;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Parses the {@code .java} files under source roots, turning parse problems into findings. */
final class SourceTree {

    /**
     * A parsed file.
     *
     * @param file the file
     * @param unit its AST
     */
    record Source(Path file, CompilationUnit unit) {}

    private SourceTree() {}

    static List<Source> parse(JavaParser parser, List<Path> roots, List<Finding> findings) {
        List<Source> sources = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                findings.add(new Finding(
                        Severity.ERROR, "unparsable-source", "Cannot list sources: " + e.getMessage(), root, 0));
                continue;
            }
            for (Path file : files) {
                try {
                    ParseResult<CompilationUnit> result = parser.parse(file);
                    if (result.isSuccessful() && result.getResult().isPresent()) {
                        sources.add(new Source(file, result.getResult().get()));
                    } else {
                        Problem problem = result.getProblems().get(0);
                        int line = problem.getLocation()
                                .flatMap(l -> l.getBegin().getRange())
                                .map(r -> r.begin.line)
                                .orElse(0);
                        findings.add(new Finding(
                                Severity.ERROR,
                                "unparsable-source",
                                "Cannot parse " + file.getFileName() + ": " + firstLine(problem.getMessage())
                                        + ". Consumers in this file are not tested; fix the syntax error.",
                                file,
                                line));
                    }
                } catch (IOException e) {
                    findings.add(new Finding(
                            Severity.ERROR, "unparsable-source", "Cannot read: " + e.getMessage(), file, 0));
                }
            }
        }
        return sources;
    }

    static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }

    private static String firstLine(String text) {
        return Optional.ofNullable(text)
                .map(t -> t.lines().findFirst().orElse(t))
                .orElse("syntax error");
    }
}
