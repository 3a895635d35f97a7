package dev.eventcontracts.spring.kafka;

import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit 5 extension of generated Kafka service-mode contract tests: starts the service's own
 * application context (one per test class) with {@code spring.kafka.bootstrap-servers} pointing at
 * the Kafka cluster the plugin's {@code start} goal started ({@code eventcontracts.kafka.bootstrap}),
 * or at an embedded KRaft broker in the test JVM when it is not set; runs the Kafka scenarios
 * against the service's own container, error handler, deserializers and retry topics; fails a test
 * naming the listener, the configuration at fault and the fix; writes the results file the gate
 * reads (docs/kafka.md, service mode).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaServiceContractExtension contract = KafkaServiceContractExtension.of(
 *         KafkaServiceContract.builder(ShippingApplication.class, OrderListener.class, "onOrder")
 *                 .topic("orders.placed")
 *                 .build());
 *
 * @TestFactory
 * Stream<DynamicTest> scenarios() {
 *     return contract.scenarios();
 * }
 * }</pre>
 */
public final class KafkaServiceContractExtension implements BeforeAllCallback, AfterAllCallback {

    /** System property naming the Kafka cluster; absent means an embedded broker in the test JVM. */
    public static final String KAFKA_BOOTSTRAP_PROPERTY = "eventcontracts.kafka.bootstrap";

    private final KafkaServiceContract contract;
    private final List<ScenarioResult> results = new ArrayList<>();
    private KafkaResultsFile resultsFile;
    private KafkaServiceSession session;

    private KafkaServiceContractExtension(KafkaServiceContract contract) {
        this.contract = contract;
    }

    /** An extension verifying {@code contract}. */
    public static KafkaServiceContractExtension of(KafkaServiceContract contract) {
        return new KafkaServiceContractExtension(contract);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resultsFile = new KafkaResultsFile(
                Path.of(property(context, "eventcontracts.results.dir", "target/event-contracts/results")));
        String bootstrap = property(context, KAFKA_BOOTSTRAP_PROPERTY, "");
        session = KafkaServiceSession.start(
                contract,
                new KafkaServiceSession.Options(
                        bootstrap.isBlank() || bootstrap.startsWith("${") ? null : bootstrap,
                        property(context, "eventcontracts.registry.uri", ""),
                        settleTimeout(context)));
    }

    private static String property(ExtensionContext context, String name, String fallback) {
        return context.getConfigurationParameter(name).orElse(System.getProperty(name, fallback));
    }

    private static Duration settleTimeout(ExtensionContext context) {
        String value = property(context, "eventcontracts.settle.timeout", "10");
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("eventcontracts.settle.timeout '" + value
                + "' is not a number of seconds of at least 1; use e.g. -Deventcontracts.settle.timeout=30");
    }

    /**
     * Runs {@code scenario} against the service, records it and fails the calling test when the
     * service breaks the contract (aborts it when the scenario does not apply).
     */
    public ScenarioResult verify(Scenario scenario) {
        if (session == null) {
            throw new IllegalStateException("KafkaServiceContractExtension is not started: register it on a static"
                    + " field with @RegisterExtension so JUnit calls beforeAll.");
        }
        ScenarioResult result = session.run(scenario);
        results.removeIf(r -> r.scenario() == scenario);
        results.add(result);
        try {
            resultsFile.write(
                    contract,
                    session.topic(),
                    session.deadLetterTopic(),
                    session.brokerDisplay(),
                    session.brokerKind(),
                    results);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write results to '" + resultsFile.fileFor(contract) + "'", e);
        }
        switch (result.status()) {
            case FAILED -> throw new AssertionFailedError(result.describe());
            case ERROR -> throw new IllegalStateException(result.describe());
            case SKIPPED -> Assumptions.abort(result.message());
            default -> {
                // passed
            }
        }
        return result;
    }

    /** Every Kafka scenario as a dynamic test named {@code (letter) what it proves}. */
    public Stream<DynamicTest> scenarios() {
        return Scenario.on(ContractScenario.Transport.KAFKA).stream()
                .map(s -> DynamicTest.dynamicTest("(" + s.letter() + ") " + s.displayName(), () -> verify(s)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
