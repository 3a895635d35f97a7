package dev.eventcontracts.spring.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.eventcontracts.junit.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Kafka listener's scenario results in the results format the gate reads (format version
 * 1, docs/contract-tests.md) with {@code "transport": "kafka"} and {@code "mode": "service"}, as
 * {@code <ListenerSimpleName>-<method>.json}, atomically.
 */
final class KafkaResultsFile {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path directory;

    KafkaResultsFile(Path directory) {
        this.directory = directory;
    }

    Path fileFor(KafkaServiceContract contract) {
        return directory.resolve(contract.listenerClass().getSimpleName() + "-"
                + contract.listener().getName() + ".json");
    }

    Path write(
            KafkaServiceContract contract,
            String topic,
            String deadLetterTopic,
            String broker,
            String brokerKind,
            List<ScenarioResult> results)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", 1);
        root.put("consumer", contract.consumerId());
        root.put("consumerClass", contract.listenerClass().getName());
        root.put("handler", contract.listener().getName());
        root.put("queue", topic);
        root.put("deadLetterQueue", deadLetterTopic);
        root.put("topic", topic);
        root.put("deadLetterTopic", deadLetterTopic);
        root.put("broker", broker);
        root.put("brokerKind", brokerKind);
        root.put("transport", "kafka");
        root.put("judgedOn", "service: records on every topic + HTTP stub");
        root.put("mode", "service");
        List<Map<String, Object>> scenarios = new ArrayList<>();
        results.stream()
                .sorted(Comparator.comparing(r -> r.scenario().ordinal()))
                .forEach(r -> {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("id", r.scenario().id());
                    s.put("letter", r.scenario().letter());
                    s.put("displayName", r.scenario().displayName());
                    s.put("status", r.status().name());
                    s.put("message", r.message());
                    s.put("fix", r.fix());
                    s.put("durationMillis", r.durationMillis());
                    scenarios.add(s);
                });
        root.put("scenarios", scenarios);
        Files.createDirectories(directory);
        Path target = fileFor(contract);
        Path tmp = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        mapper.writeValue(tmp.toFile(), root);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
