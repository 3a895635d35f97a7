package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;

/**
 * Loads the {@code .avsc} and {@code .avdl} files of a directory as one set, so a record may use
 * a named type defined in another file, and assigns each schema its subject and level.
 *
 * <p>The subject of a file is its main schema's full name (for an IDL file without a main
 * {@code schema} declaration: each record it defines), unless a {@link SubjectRule} names it.
 */
final class SchemaDirectory {

    private final Path projectDirectory;

    SchemaDirectory(Path projectDirectory) {
        this.projectDirectory = projectDirectory;
    }

    List<LocalSchema> load(Path directory, CompatibilityLevel defaultLevel, List<SubjectRule> rules)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".avsc") || p.toString().endsWith(".avdl"))
                    .sorted(Comparator.comparing(p -> directory.relativize(p).toString()))
                    .toList();
        }
        SchemaParser parser = new SchemaParser();
        Map<Path, SchemaParser.ParseResult> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                parsed.put(file, parser.parse(file));
            } catch (SchemaParseException e) {
                throw new UserProblemException("Cannot parse schema file '" + display(file) + "': " + e.getMessage()
                        + ". Fix the schema (Avro specification: https://avro.apache.org/docs/) or move the file out of"
                        + " <schemaDirectory>.");
            }
        }
        List<LocalSchema> schemas = new ArrayList<>();
        for (Map.Entry<Path, SchemaParser.ParseResult> entry : parsed.entrySet()) {
            Path file = entry.getKey();
            String relative = directory.relativize(file).toString().replace('\\', '/');
            List<Schema> roots = roots(parser, entry.getValue(), file);
            List<SubjectRule> fileRules = rules.stream()
                    .filter(r -> r.file() != null && !r.file().isBlank())
                    .filter(r -> r.matches(relative, null))
                    .toList();
            if (!fileRules.isEmpty() && roots.size() > 1 && fileRules.get(0).subject() != null) {
                throw new UserProblemException("<subjects><subject><file>" + relative + "</file> names subject '"
                        + fileRules.get(0).subject() + "', but '" + display(file) + "' defines " + roots.size()
                        + " records; name a subject per record instead (<subject><subject>"
                        + roots.get(0).getFullName() + "</subject>...).");
            }
            for (Schema root : roots) {
                String defaultSubject = root.getFullName();
                SubjectRule rule = rules.stream()
                        .filter(r -> r.matches(relative, defaultSubject))
                        .findFirst()
                        .orElse(null);
                String subject = rule != null
                                && rule.subject() != null
                                && !rule.subject().isBlank()
                        ? rule.subject()
                        : defaultSubject;
                CompatibilityLevel level =
                        rule != null && rule.level() != null && !rule.level().isBlank()
                                ? parseLevel(rule.level(), "<subjects><subject><level>")
                                : defaultLevel;
                schemas.add(new LocalSchema(file, display(file), subject, level, root));
            }
        }
        schemas.sort(Comparator.comparing(LocalSchema::subject));
        return List.copyOf(schemas);
    }

    private List<Schema> roots(SchemaParser parser, SchemaParser.ParseResult result, Path file) {
        try {
            Schema main = result.mainSchema();
            if (main != null) {
                return List.of(parser.resolve(result));
            }
            List<Schema> records = new ArrayList<>();
            for (Schema named : result.parsedNamedSchemas()) {
                if (named.getType() == Schema.Type.RECORD) {
                    records.add(named);
                }
            }
            return records;
        } catch (SchemaParseException e) {
            throw new UserProblemException("Cannot resolve the types of schema file '" + display(file) + "': "
                    + e.getMessage() + ". Define every referenced type in a file of <schemaDirectory>.");
        }
    }

    static CompatibilityLevel parseLevel(String text, String element) {
        try {
            return CompatibilityLevel.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    element,
                    element.equals("<level>") ? "eventcontracts.level" : null,
                    text,
                    "use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE"
                            + " (e.g. <level>BACKWARD_TRANSITIVE</level>).");
        }
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = projectDirectory.toAbsolutePath().normalize();
        return absolute.startsWith(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
