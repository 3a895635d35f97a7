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
 * never reads half a file. Plain mode and service mode (harness-spring) both write through it.
 */
public final class ResultsWriter {

    /** The format version written in {@code formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    /**
     * What a results file says about the consumer and the run, besides the scenarios.
     *
     * @param consumerClass the consumer (or listener) class
     * @param handler the handler (listener) method name
     * @param queue the queue it reads
     * @param deadLetterQueue the dead-letter queue (service mode: the queue's dead-letter exchange), or null
     * @param topic the Kafka topic, or null for AMQP (then {@code topic}/{@code deadLetterTopic} are not written)
     * @param broker the broker URI without credentials
     * @param brokerKind {@code amqp-harness}, {@code rabbitmq}, {@code embedded-kafka}, {@code
     *     external-kafka}, or null (not written)
     * @param judgedOn what idempotency was judged on
     * @param effectsObservedAt where published messages were seen
     * @param mode {@code service} for service mode, null for plain mode (not written)
     */
    public record Header(
            Class<?> consumerClass,
            String handler,
            String queue,
            String deadLetterQueue,
            String topic,
            String broker,
            String brokerKind,
            String judgedOn,
            String effectsObservedAt,
            String mode) {}

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path directory;

    /** A writer into {@code directory} (created when missing). */
    public ResultsWriter(Path directory) {
        this.directory = directory;
    }

    /** The file the results of {@code contract} go to. */
    public Path fileFor(ConsumerContract contract) {
        return fileFor(contract.consumerClass(), contract.handler().getName());
    }

    /**
     * The file the results of handler {@code handler} of {@code consumerClass} go to: {@code
     * SimpleName-method.json}, or {@code SimpleName-method-Payload.json} for an overloaded handler
     * named {@code method(Payload)}.
     */
    public Path fileFor(Class<?> consumerClass, String handler) {
        String stem = handler.replace("(", "-").replace(")", "");
        return directory.resolve(consumerClass.getSimpleName() + "-" + stem + ".json");
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
        return write(header(contract, broker, null, effectsObservedAt), findings, results);
    }

    /**
     * Writes the results of {@code session} so far, replacing the previous file; names the broker
     * and its kind ({@code amqp-harness}, {@code rabbitmq}, {@code embedded-kafka}, {@code
     * external-kafka}).
     */
    public Path write(ConsumerContract contract, ScenarioSession session) throws IOException {
        return write(
                header(contract, session.brokerDisplay(), session.brokerKind(), session.effectsObservedAt()),
                session.findings(),
                session.results());
    }

    private static Header header(
            ConsumerContract contract, String broker, String brokerKind, String effectsObservedAt) {
        return new Header(
                contract.consumerClass(),
                contract.handler().getName(),
                contract.queue(),
                contract.hasDeadLetterQueue() ? contract.deadLetterQueue() : null,
                contract.isKafka() ? contract.topic() : null,
                broker,
                brokerKind,
                contract.fixture() == null ? "effects" : "effects+state",
                effectsObservedAt,
                null);
    }

    /** Writes the results so far under {@code header}, replacing the previous file. */
    public Path write(Header header, List<ContractSession.Finding> findings, List<ScenarioResult> results)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("consumer", header.consumerClass().getName() + "#" + header.handler());
        root.put("consumerClass", header.consumerClass().getName());
        root.put("handler", header.handler());
        root.put("queue", header.queue());
        root.put("deadLetterQueue", header.deadLetterQueue());
        if (header.topic() != null) {
            root.put("topic", header.topic());
            root.put("deadLetterTopic", header.deadLetterQueue());
        }
        root.put("broker", header.broker());
        if (header.brokerKind() != null) {
            root.put("brokerKind", header.brokerKind());
        }
        root.put("transport", header.topic() != null ? "kafka" : "amqp");
        root.put("judgedOn", header.judgedOn());
        if (header.mode() != null) {
            root.put("mode", header.mode());
        }
        root.put("effectsObservedAt", header.effectsObservedAt());
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
        Path target = fileFor(header.consumerClass(), header.handler());
        Path tmp = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        mapper.writeValue(tmp.toFile(), root);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
