package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.schema.LoadedSchema;
import dev.eventcontracts.registry.schema.SchemaLoadException;
import dev.eventcontracts.registry.schema.SchemaLoader;
import dev.eventcontracts.registry.schema.SchemaSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Loads the {@code .avsc} and {@code .avdl} files of a directory as one set (with the registry
 * module's {@link SchemaLoader}, so a record may use a named type defined in another file and
 * errors carry file, line and column), and assigns each record its subject and level.
 *
 * <p>The subject of a file is its main schema's full name (for an IDL file without a main
 * {@code schema} declaration: each record it defines), unless a {@link SubjectRule} names it.
 */
final class SchemaDirectory {

    private final Path projectDirectory;
    private final SchemaLoader loader = new SchemaLoader();

    SchemaDirectory(Path projectDirectory) {
        this.projectDirectory = projectDirectory;
    }

    List<LocalSchema> load(Path directory, CompatibilityLevel defaultLevel, List<SubjectRule> rules) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        SchemaSet set;
        try {
            set = loader.loadDirectory(directory);
        } catch (SchemaLoadException e) {
            String message = e.file() == null
                    ? e.getMessage()
                    : e.getMessage().replace(e.file().toString(), display(e.file()));
            throw new UserProblemException(
                    "Cannot load the schemas of <schemaDirectory> '" + display(directory) + "': " + message, e);
        }
        Map<Path, List<Schema>> byFile = new LinkedHashMap<>();
        for (LoadedSchema loaded : set.schemas()) {
            if (loaded.schema().getType() == Schema.Type.RECORD && loaded.source() != null) {
                byFile.computeIfAbsent(loaded.source(), f -> new ArrayList<>()).add(loaded.schema());
            }
        }
        List<LocalSchema> schemas = new ArrayList<>();
        for (Map.Entry<Path, List<Schema>> entry : byFile.entrySet()) {
            Path file = entry.getKey();
            String relative = directory.relativize(file).toString().replace('\\', '/');
            List<Schema> roots = entry.getValue();
            List<SubjectRule> fileRules = rules.stream()
                    .filter(r -> r.file() != null && !r.file().isBlank())
                    .filter(r -> r.matches(relative, null))
                    .toList();
            if (!fileRules.isEmpty() && roots.size() > 1 && fileRules.get(0).subject() != null) {
                throw new UserProblemException("<subjects><subject><file>" + relative + "</file> names subject '"
                        + fileRules.get(0).subject() + "', but '" + display(file) + "' defines " + roots.size()
                        + " records; name a subject per record instead (<subject><name>"
                        + roots.get(0).getFullName() + "</name>...).");
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
        if (file == null) {
            return "";
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path base = projectDirectory.toAbsolutePath().normalize();
        return absolute.startsWith(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
