package dev.eventcontracts.plugin.results;

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
        List<ScenarioResult> scenarios) {

    /** The only results format version this plugin reads. */
    public static final int FORMAT_VERSION = 1;

    /** Scenarios null-safe. */
    public ContractResult {
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    /** Scenarios that failed or errored. */
    public List<ScenarioResult> broken() {
        return scenarios.stream()
                .filter(s -> s.status() != null && s.status().broken())
                .toList();
    }
}
