package dev.eventcontracts.junit.jupiter;

import dev.eventcontracts.annotations.contract.ContractDefaults;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.internal.journal.PublishLog;
import dev.eventcontracts.junit.internal.results.ResultsWriter;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.junit.internal.scenario.KafkaContractSession;
import dev.eventcontracts.junit.internal.scenario.ScenarioSession;
import dev.eventcontracts.kafka.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit 5 extension generated contract tests use: connects to the broker named by system
 * property {@code eventcontracts.amqp.uri} (or starts an in-JVM harness broker when it is absent,
 * so a generated test runs from the IDE) — for a Kafka consumer the cluster named by {@code
 * eventcontracts.kafka.bootstrap} (or an embedded Kafka broker when it is absent) — runs one scenario per test method, fails the test with
 * the scenario's message and fix, and writes the results JSON to {@code eventcontracts.results.dir}
 * (default {@code target/event-contracts/results}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ContractTestExtension contract = ContractTestExtension.of(
 *         ConsumerContract.builder(InventoryConsumer.class, "onOrderPlaced")
 *                 .queue("inventory.order-placed")
 *                 .deadLetterQueue("inventory.order-placed.dlq")
 *                 .idempotencyKey("orderId")
 *                 .build());
 *
 * @Test
 * @DisplayName("delivered twice: same effects as one delivery")
 * void duplicateDelivery() {
 *     contract.verify(Scenario.DUPLICATE_DELIVERY);
 * }
 * }</pre>
 */
public final class ContractTestExtension implements BeforeAllCallback, AfterAllCallback {

    /** System property naming the broker; absent means an in-JVM harness broker. */
    public static final String AMQP_URI_PROPERTY = "eventcontracts.amqp.uri";

    /**
     * System property: how many seconds a scenario waits for its messages to settle before it
     * reports an error (default {@value #DEFAULT_SETTLE_SECONDS}); raise it on slow, shared CI
     * machines.
     */
    public static final String SETTLE_TIMEOUT_PROPERTY = "eventcontracts.settle.timeout";

    /** The settle timeout without {@link #SETTLE_TIMEOUT_PROPERTY}, in seconds. */
    public static final int DEFAULT_SETTLE_SECONDS = ContractDefaults.SETTLE_SECONDS;

    /**
     * System property naming the harness broker's admin API, whose publish journal shows what the
     * consumer publishes through any connection; without it, {@value #ENDPOINTS_FILE} (written by
     * the plugin's {@code start} goal) is read when it names the same broker.
     */
    public static final String ADMIN_URI_PROPERTY = "eventcontracts.admin.uri";

    /**
     * System property naming the schema registry (the plugin's {@code start} goal sets it to the
     * embedded registry's {@code /apis/registry/v2}); a Kafka contract with {@code
     * WireFormat.CONFLUENT} registers its writer schemas there through the ccompat API.
     */
    public static final String REGISTRY_URI_PROPERTY = "eventcontracts.registry.uri";

    /** Where the plugin's {@code start} goal writes the started broker's endpoints. */
    public static final String ENDPOINTS_FILE = "target/event-contracts/endpoints.properties";

    /** System property naming the results directory. */
    public static final String RESULTS_DIR_PROPERTY = "eventcontracts.results.dir";

    private final ConsumerContract contract;
    private ScenarioSession session;
    private AutoCloseable ownBroker;
    private ResultsWriter writer;

    private ContractTestExtension(ConsumerContract contract) {
        this.contract = contract;
    }

    /** An extension verifying {@code contract}. */
    public static ContractTestExtension of(ConsumerContract contract) {
        return new ContractTestExtension(contract);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, TimeoutException {
        String dir = context.getConfigurationParameter(RESULTS_DIR_PROPERTY)
                .orElse(System.getProperty(RESULTS_DIR_PROPERTY, "target/event-contracts/results"));
        writer = new ResultsWriter(Path.of(dir));
        String settle = context.getConfigurationParameter(SETTLE_TIMEOUT_PROPERTY)
                .orElse(System.getProperty(SETTLE_TIMEOUT_PROPERTY));
        ContractSession.Options defaults = ContractSession.Options.defaults();
        ContractSession.Options options =
                new ContractSession.Options(defaults.seed(), settleTimeout(settle), defaults.loopBound());
        if (contract.isKafka()) {
            String bootstrap = context.getConfigurationParameter(KafkaCluster.BOOTSTRAP_PROPERTY)
                    .orElse(System.getProperty(KafkaCluster.BOOTSTRAP_PROPERTY));
            KafkaTarget target = KafkaTarget.resolve(bootstrap, Path.of(ENDPOINTS_FILE));
            ownBroker = target.owned() ? target.cluster() : null;
            String registry = context.getConfigurationParameter(REGISTRY_URI_PROPERTY)
                    .orElse(System.getProperty(REGISTRY_URI_PROPERTY));
            session = new KafkaContractSession(
                    contract, target.cluster(), target.description(), target.kind(), options, registry);
            return;
        }
        String uri = context.getConfigurationParameter(AMQP_URI_PROPERTY).orElse(System.getProperty(AMQP_URI_PROPERTY));
        URI broker;
        PublishLog journal;
        if (uri == null || uri.isBlank()) {
            InJvmBroker started = InJvmBroker.start();
            ownBroker = started;
            broker = started.amqpUri();
            journal = started.journal();
        } else {
            broker = URI.create(uri);
            String admin = context.getConfigurationParameter(ADMIN_URI_PROPERTY)
                    .orElse(System.getProperty(ADMIN_URI_PROPERTY));
            journal = HarnessAdmin.journalFor(broker, admin, Path.of(ENDPOINTS_FILE));
        }
        session = new ContractSession(contract, broker, options, journal);
    }

    /** Parses {@link #SETTLE_TIMEOUT_PROPERTY}: whole seconds, at least 1. */
    static Duration settleTimeout(String value) {
        return ScenarioOutcomes.settleTimeout(value);
    }

    /**
     * Runs {@code scenario}, records its result and fails the calling test when the consumer broke
     * the contract (or aborts it when the scenario does not apply).
     */
    public ScenarioResult verify(Scenario scenario) {
        if (session == null) {
            throw new IllegalStateException("ContractTestExtension is not started: register it on a static field"
                    + " with @RegisterExtension so JUnit calls beforeAll.");
        }
        ScenarioResult result = session.run(scenario);
        try {
            writer.write(contract, session);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write contract results to '" + writer.fileFor(contract) + "'", e);
        }
        return ScenarioOutcomes.enforce(result);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (session != null) {
            session.close();
        }
        if (ownBroker != null) {
            ownBroker.close();
        }
    }
}
