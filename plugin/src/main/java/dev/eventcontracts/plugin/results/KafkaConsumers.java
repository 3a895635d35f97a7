package dev.eventcontracts.plugin.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The discovered consumers that listen on Kafka ({@code @KafkaListener}), one {@code
 * <class>#<handler>} per line in {@code target/event-contracts/kafka-consumers.txt}, written by
 * {@code generate-contract-tests} and read by {@code start} to decide whether the build needs a
 * Kafka broker ({@code <kafka>auto</kafka>}). No file means no Kafka consumers were found, or
 * discovery did not run.
 */
public final class KafkaConsumers {

    /** The file name under {@code target/event-contracts}. */
    public static final String FILE_NAME = "kafka-consumers.txt";

    private KafkaConsumers() {}

    /** Writes the ids, sorted; deletes the file when there are none. */
    public static void write(Path file, List<String> consumerIds) throws IOException {
        if (consumerIds.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, consumerIds.stream().sorted().toList(), StandardCharsets.UTF_8);
    }

    /** The ids in the file, or none when there is no file. */
    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
