package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import java.util.List;

/**
 * The scenarios of one consumer on one broker: {@link ContractSession} over AMQP, {@link
 * KafkaContractSession} on Kafka. The JUnit extension and the results writer see only this.
 */
public interface ScenarioSession extends AutoCloseable {

    /** Runs one scenario; consumer misbehaviour is a FAILED result, broken infrastructure an ERROR. */
    ScenarioResult run(Scenario scenario);

    /** Results of the scenarios run so far, in run order. */
    List<ScenarioResult> results();

    /** The broker without credentials, e.g. {@code amqp://127.0.0.1:5672}. */
    String brokerDisplay();

    /**
     * Which broker ran the scenarios, as results and reports name it: {@code amqp-harness}, {@code
     * rabbitmq}, {@code embedded-kafka} or {@code external-kafka}.
     */
    String brokerKind();

    /** Where the consumer's published messages are observed. */
    String effectsObservedAt();

    /** Findings so far (each once), in the order found. */
    List<ContractSession.Finding> findings();

    @Override
    void close();
}
