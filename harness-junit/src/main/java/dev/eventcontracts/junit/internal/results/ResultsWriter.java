package dev.eventcontracts.junit.internal.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.junit.internal.scenario.ScenarioSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one consumer's scenario results as {@code <ConsumerSimpleName>-<handler>.json} (format
 * version 1, documented in docs/contract-tests.md), atomically, so the plugin's verify goal
 * never reads half a file.
 */
public final class ResultsWriter {

    /** The format version written in {@code formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path directory;

    /** A writer into {@code directory} (created when missing). */
    public ResultsWriter(Path directory) {
        this.directory = directory;
    }

    /** The file the results of {@code contract} go to. */
    public Path fileFor(ConsumerContract contract) {
        return directory.resolve(contract.consumerClass().getSimpleName() + "-"
                + contract.handler().getName() + ".json");
    }

    /** Writes the results so far (effects seen through ctx.publisher(), no findings), replacing the previous file. */
    public Path write(ConsumerContract contract, String broker, List<ScenarioResult> results) throws IOException {
        return write(contract, broker, "ctx.publisher()", List.of(), results);
    }

    /**
     * Writes the results so far, replacing the previous file.
     *
     * @param effectsObservedAt where published messages were seen: {@code broker-journal} or {@code
     *     ctx.publisher()}
     * @param findings what the session found besides scenario verdicts
     */
    public Path write(
            ConsumerContract contract,
            String broker,
            String effectsObservedAt,
            List<ContractSession.Finding> findings,
            List<ScenarioResult> results)
            throws IOException {
        return write(contract, broker, null, effectsObservedAt, findings, results);
    }

    /**
     * Writes the results of {@code session} so far, replacing the previous file; names the broker
     * and its kind ({@code amqp-harness}, {@code rabbitmq}, {@code embedded-kafka}, {@code
     * external-kafka}).
     */
    public Path write(ConsumerContract contract, ScenarioSession session) throws IOException {
        return write(
                contract,
                session.brokerDisplay(),
                session.brokerKind(),
                session.effectsObservedAt(),
                session.findings(),
                session.results());
    }

    private Path write(
            ConsumerContract contract,
            String broker,
            String brokerKind,
            String effectsObservedAt,
            List<ContractSession.Finding> findings,
            List<ScenarioResult> results)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", FORMAT_VERSION);
        root.put(
                "consumer",
                contract.consumerClass().getName() + "#" + contract.handler().getName());
        root.put("consumerClass", contract.consumerClass().getName());
        root.put("handler", contract.handler().getName());
        root.put("queue", contract.queue());
        root.put("deadLetterQueue", contract.hasDeadLetterQueue() ? contract.deadLetterQueue() : null);
        if (contract.isKafka()) {
            root.put("topic", contract.topic());
            root.put("deadLetterTopic", contract.hasDeadLetterQueue() ? contract.deadLetterQueue() : null);
        }
        root.put("broker", broker);
        if (brokerKind != null) {
            root.put("brokerKind", brokerKind);
        }
        root.put("transport", contract.isKafka() ? "kafka" : "amqp");
        root.put("judgedOn", contract.fixture() == null ? "effects" : "effects+state");
        root.put("effectsObservedAt", effectsObservedAt);
        root.put(
                "findings",
                findings.stream()
                        .map(f -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("code", f.code());
                            m.put("severity", f.severity());
                            m.put("message", f.message());
                            return m;
                        })
                        .toList());
        List<Map<String, Object>> scenarios = new ArrayList<>();
        results.stream()
                .sorted(java.util.Comparator.comparing(r -> r.scenario().ordinal()))
                .forEach(r -> {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("id", r.scenario().id());
                    s.put("letter", r.scenario().letter());
                    s.put("displayName", r.scenario().displayName());
                    s.put("status", r.status().name());
                    s.put("message", r.message());
                    s.put("fix", r.fix());
                    s.put("durationMillis", r.durationMillis());
                    if (!r.journal().isEmpty()) {
                        s.put("journal", r.journal());
                    }
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
