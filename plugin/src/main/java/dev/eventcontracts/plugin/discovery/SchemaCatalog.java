package dev.eventcontracts.plugin.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code .avsc} files of the schema directories by the full name of their top-level record.
 * A file named {@code <name>.v<N>.avsc} is writer version N of its schema; the file without a
 * version suffix is the current one.
 */
final class SchemaCatalog {

    private static final Pattern VERSIONED = Pattern.compile(".*[.-]v(\\d+)\\.avsc$");

    private final Map<String, List<Path>> byFullName = new TreeMap<>();

    static SchemaCatalog scan(List<Path> directories, List<Finding> findings) {
        SchemaCatalog catalog = new SchemaCatalog();
        ObjectMapper mapper = new ObjectMapper();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".avsc"))
                        .sorted()
                        .toList()) {
                    try {
                        JsonNode node = mapper.readTree(file.toFile());
                        if (node != null && node.has("name")) {
                            String name = node.get("name").asText();
                            String ns = node.has("namespace")
                                    ? node.get("namespace").asText()
                                    : "";
                            String full = name.contains(".") || ns.isEmpty() ? name : ns + "." + name;
                            catalog.byFullName
                                    .computeIfAbsent(full, k -> new ArrayList<>())
                                    .add(file);
                        }
                    } catch (IOException e) {
                        findings.add(new Finding(
                                Severity.WARNING,
                                "unparsable-source",
                                "Schema file is not valid JSON: " + e.getMessage(),
                                file,
                                0));
                    }
                }
            } catch (IOException e) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "unparsable-source",
                        "Cannot list schema directory: " + e.getMessage(),
                        dir,
                        0));
            }
        }
        return catalog;
    }

    /** The current {@code .avsc} of {@code fullName}. */
    Optional<Path> current(String fullName) {
        return byFullName.getOrDefault(fullName, List.of()).stream()
                .filter(p -> !VERSIONED.matcher(p.getFileName().toString()).matches())
                .findFirst();
    }

    /** Older writer versions, oldest first. */
    List<Path> previousVersions(String fullName) {
        return byFullName.getOrDefault(fullName, List.of()).stream()
                .filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingInt(SchemaCatalog::version))
                .toList();
    }

    private static int version(Path file) {
        Matcher m = VERSIONED.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }
}
