package dev.eventcontracts.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every module's main sources and checks the module rules (README, Modules): which
 * module may import what, packages under each module's base package, and no cycles between
 * packages.
 */
class ArchitectureTest {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);

    record SourceFile(Path path, String packageName, List<String> imports) {}

    private static Path repoRoot() {
        return Paths.get(System.getProperty("eventcontracts.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    private static List<SourceFile> mainSources(String module) {
        Path root = repoRoot().resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .sorted()
                    .map(ArchitectureTest::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceFile read(Path path) {
        try {
            String text = Files.readString(path);
            Matcher pkg = PACKAGE.matcher(text);
            String packageName = pkg.find() ? pkg.group(1) : "";
            List<String> imports = new ArrayList<>();
            Matcher imp = IMPORT.matcher(text);
            while (imp.find()) {
                imports.add(imp.group(1));
            }
            return new SourceFile(path, packageName, imports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void repositoryRoot_isFound() {
        assertThat(repoRoot().resolve("pom.xml")).exists();
        assertThat(ModuleRules.RULES)
                .allSatisfy(
                        rule -> assertThat(repoRoot().resolve(rule.module())).isDirectory());
    }

    @Test
    void modules_importOnlyWhatDesignAllows() {
        List<String> violations = new ArrayList<>();
        for (ModuleRules.Rule rule : ModuleRules.RULES) {
            for (SourceFile file : mainSources(rule.module())) {
                for (String imported : file.imports()) {
                    if (imported.startsWith(rule.basePackage())) {
                        continue;
                    }
                    rule.forbiddenImports().stream()
                            .filter(imported::startsWith)
                            .findFirst()
                            .ifPresent(prefix -> violations.add(relative(file.path()) + " imports '" + imported
                                    + "', which module '" + rule.module() + "' may not use (" + prefix + ")"));
                }
            }
        }
        assertThat(violations).as("imports that break the module rules").isEmpty();
    }

    @Test
    void onlyThePluginImportsMaven() {
        List<String> violations = new ArrayList<>();
        for (ModuleRules.Rule rule : ModuleRules.RULES) {
            if (ModuleRules.MAY_IMPORT_MAVEN.containsKey(rule.module())) {
                continue;
            }
            for (SourceFile file : mainSources(rule.module())) {
                file.imports().stream()
                        .filter(i -> i.startsWith("org.apache.maven"))
                        .forEach(i -> violations.add(relative(file.path()) + " imports '" + i + "'"));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyModule_keepsItsCodeUnderItsBasePackage() {
        List<String> violations = new ArrayList<>();
        for (ModuleRules.Rule rule : ModuleRules.RULES) {
            for (SourceFile file : mainSources(rule.module())) {
                if (!file.packageName().startsWith(rule.basePackage())) {
                    violations.add(relative(file.path()) + " is in package '" + file.packageName() + "', expected '"
                            + rule.basePackage() + "' or below");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void packages_haveNoCycles() {
        for (ModuleRules.Rule rule : ModuleRules.RULES) {
            Map<String, Set<String>> graph = new TreeMap<>();
            List<SourceFile> sources = mainSources(rule.module());
            Set<String> packages = new TreeSet<>();
            sources.forEach(f -> packages.add(f.packageName()));
            for (SourceFile file : sources) {
                Set<String> edges = graph.computeIfAbsent(file.packageName(), k -> new TreeSet<>());
                for (String imported : file.imports()) {
                    String target = owningPackage(imported, packages);
                    if (target != null && !target.equals(file.packageName())) {
                        edges.add(target);
                    }
                }
            }
            assertThat(PackageCycles.find(graph))
                    .as("package cycles in module '%s'", rule.module())
                    .isEmpty();
        }
    }

    @Test
    void cycleFinder_reportsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        graph.put("d", Set.of("a"));
        assertThat(PackageCycles.find(graph)).containsExactly(List.of("a", "b", "c"));
    }

    /** The longest known package that is a prefix of the imported type, or null for external types. */
    private static String owningPackage(String importedName, Set<String> packages) {
        String best = null;
        for (String candidate : packages) {
            if (importedName.startsWith(candidate + ".")
                    && importedName.indexOf('.', candidate.length() + 1) < 0
                    && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        if (best == null) {
            // nested types (pkg.Outer.Inner) or static imports (pkg.Type.member)
            for (String candidate : packages) {
                if (importedName.startsWith(candidate + ".")
                        && Character.isUpperCase(importedName.charAt(candidate.length() + 1))
                        && (best == null || candidate.length() > best.length())) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static String relative(Path path) {
        return repoRoot().relativize(path).toString();
    }
}
