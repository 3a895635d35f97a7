package dev.eventcontracts.plugin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.plugin.consumers.GenerateConfig;
import dev.eventcontracts.plugin.consumers.RegisteredWriters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The registered writer versions of the Avro payloads of Kafka listeners, for scenario (n) of
 * Kafka service mode (docs/kafka.md §5.3): a listener whose payload type's simple name is the name
 * of exactly one record schema in the schema directories ({@code src/main/avro}, files without a
 * {@code .v<N>} suffix) gets that subject's registered versions other than the current one, read
 * from the build's registry and written by {@link RegisteredWriters} as plain mode does.
 */
final class KafkaWriterVersions {

    private KafkaWriterVersions() {}

    /** {@code listeners}, each Avro one with its older writer versions relative to the project directory. */
    static List<KafkaServiceGeneration.KafkaListenerMethod> add(
            GenerateConfig config, List<KafkaServiceGeneration.KafkaListenerMethod> listeners) throws IOException {
        Map<String, List<Schema>> bySimpleName = schemas(config.schemaDirectories());
        Map<String, Path> currentBySubject = new TreeMap<>();
        Map<String, String> subjectOf = new HashMap<>();
        for (KafkaServiceGeneration.KafkaListenerMethod l : listeners) {
            List<Schema> matches = bySimpleName.getOrDefault(l.payloadType(), List.of());
            if (matches.size() == 1) {
                currentBySubject.put(matches.get(0).fullName(), matches.get(0).file());
                subjectOf.put(l.id(), matches.get(0).fullName());
            }
        }
        if (currentBySubject.isEmpty()) {
            return listeners;
        }
        Map<String, List<Path>> older =
                new RegisteredWriters(config.registry(), config.writersDirectory()).olderVersions(currentBySubject);
        Path base = config.projectDirectory().toAbsolutePath().normalize();
        List<KafkaServiceGeneration.KafkaListenerMethod> result = new ArrayList<>();
        for (KafkaServiceGeneration.KafkaListenerMethod l : listeners) {
            String subject = subjectOf.get(l.id());
            List<Path> files = subject == null ? List.of() : older.getOrDefault(subject, List.of());
            result.add(l.withWriters(files.stream().map(f -> relative(base, f)).toList()));
        }
        return result;
    }

    private static String relative(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute)
                .toString()
                .replace('\\', '/');
    }

    private record Schema(String fullName, Path file) {}

    private static Map<String, List<Schema>> schemas(List<Path> directories) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, List<Schema>> bySimpleName = new HashMap<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(f -> f.toString().endsWith(".avsc")
                                && !f.getFileName().toString().matches(".*[.-]v\\d+\\.avsc$"))
                        .sorted()
                        .toList();
            }
            for (Path file : files) {
                JsonNode node;
                try {
                    node = mapper.readTree(file.toFile());
                } catch (IOException e) {
                    continue; // plain mode's discovery reports unparsable schema files
                }
                if (node == null || !node.has("name")) {
                    continue;
                }
                String name = node.get("name").asText();
                String ns = node.has("namespace") ? node.get("namespace").asText() : "";
                String full = name.contains(".") || ns.isEmpty() ? name : ns + "." + name;
                String simple = full.substring(full.lastIndexOf('.') + 1);
                bySimpleName.computeIfAbsent(simple, k -> new ArrayList<>()).add(new Schema(full, file));
            }
        }
        return bySimpleName;
    }
}
