package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The results file one generated contract test writes for one consumer (format version 1), in
 * {@code target/event-contracts/results/}.
 *
 * @param formatVersion always {@value #FORMAT_VERSION} for this reader
 * @param consumer {@code <class>#<handler>}
 * @param consumerClass the consumer's fully qualified class name
 * @param handler the handler method
 * @param queue the queue the consumer reads
 * @param deadLetterQueue the dead-letter queue, or {@code null} when the consumer has none
 * @param broker the AMQP URI the scenarios ran against
 * @param judgedOn what idempotency was judged on, e.g. {@code effects+state}
 * @param scenarios the scenarios in the order they ran
 * @param effectsObservedAt where the consumer's published messages were seen: {@code
 *     broker-journal} (every connection, harness broker) or {@code ctx.publisher()} (a broker
 *     without a publish journal, e.g. RabbitMQ); {@code null} in files of older runtimes
 * @param findings what the run noticed besides verdicts, e.g. {@code effects-unobservable}
 * @param brokerKind which broker ran the scenarios: {@code amqp-harness}, {@code rabbitmq}, {@code
 *     embedded-kafka} or {@code external-kafka}; {@code null} in files of older runtimes
 * @param transport {@code amqp} or {@code kafka}; {@code null} (AMQP) in files of older runtimes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContractResult(
        int formatVersion,
        String consumer,
        String consumerClass,
        String handler,
        String queue,
        String deadLetterQueue,
        String broker,
        String judgedOn,
        List<ScenarioResult> scenarios,
        String effectsObservedAt,
        List<Finding> findings,
        String brokerKind,
        String transport) {

    /** The only results format version this plugin reads. */
    public static final int FORMAT_VERSION = 1;

    /** Lists null-safe. */
    @JsonCreator
    public ContractResult {
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** A result as runtimes before the Kafka scenarios wrote it (no broker kind, AMQP). */
    public ContractResult(
            int formatVersion,
            String consumer,
            String consumerClass,
            String handler,
            String queue,
            String deadLetterQueue,
            String broker,
            String judgedOn,
            List<ScenarioResult> scenarios,
            String effectsObservedAt,
            List<Finding> findings) {
        this(
                formatVersion,
                consumer,
                consumerClass,
                handler,
                queue,
                deadLetterQueue,
                broker,
                judgedOn,
                scenarios,
                effectsObservedAt,
                findings,
                null,
                null);
    }

    /** True when the scenarios ran on Kafka. */
    public boolean kafka() {
        return "kafka".equals(transport);
    }

    /**
     * The broker in words, as reports name it: {@code AMQP harness}, {@code RabbitMQ}, {@code
     * embedded Kafka}, {@code external Kafka}, or {@code AMQP} for files that do not say.
     */
    public String brokerLabel() {
        if (brokerKind == null) {
            return kafka() ? "Kafka" : "AMQP";
        }
        return switch (brokerKind) {
            case "amqp-harness" -> "AMQP harness";
            case "rabbitmq" -> "RabbitMQ";
            case "embedded-kafka" -> "embedded Kafka";
            case "external-kafka" -> "external Kafka";
            default -> brokerKind;
        };
    }

    /** A result without the observation point and findings (as older runtimes wrote it). */
    public ContractResult(
            int formatVersion,
            String consumer,
            String consumerClass,
            String handler,
            String queue,
            String deadLetterQueue,
            String broker,
            String judgedOn,
            List<ScenarioResult> scenarios) {
        this(
                formatVersion,
                consumer,
                consumerClass,
                handler,
                queue,
                deadLetterQueue,
                broker,
                judgedOn,
                scenarios,
                null,
                List.of());
    }

    /** Scenarios that failed or errored. */
    public List<ScenarioResult> broken() {
        return scenarios.stream()
                .filter(s -> s.status() != null && s.status().broken())
                .toList();
    }
}
