package dev.eventcontracts.spring.internal;

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
 * Writes a listener's scenario results in the results format the gate reads (format version 1,
 * docs/contract-tests.md), as {@code <ListenerSimpleName>-<method>.json}, atomically.
 */
public final class ResultsFile {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path directory;

    /** Results go to {@code directory}. */
    public ResultsFile(Path directory) {
        this.directory = directory;
    }

    /** The file of {@code contract}. */
    public Path fileFor(ListenerTarget contract) {
        return directory.resolve(contract.fileStem() + ".json");
    }

    /** Writes the results so far. */
    public Path write(
            ListenerTarget contract, String queue, String deadLetterQueue, String broker, List<ScenarioResult> results)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", 1);
        root.put("consumer", contract.consumerId());
        root.put("consumerClass", contract.listenerClass().getName());
        root.put("handler", contract.handlerName());
        root.put("queue", queue);
        root.put("deadLetterQueue", deadLetterQueue);
        root.put("broker", broker);
        root.put("judgedOn", "service: broker journal + HTTP stub");
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
