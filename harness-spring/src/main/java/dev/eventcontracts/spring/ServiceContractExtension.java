package dev.eventcontracts.spring;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.spring.internal.ResultsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * The JUnit 5 extension of generated service-mode contract tests: starts the service's own
 * application context (one per test class) against the harness broker — the one the plugin's
 * {@code start} goal started ({@code eventcontracts.amqp.uri} + {@code eventcontracts.admin.uri}),
 * or one in the test JVM when neither is set — runs one scenario per test method, fails the test
 * naming the listener, the configuration that causes the defect and the fix, and writes the
 * results file the gate reads (docs/service-mode.md).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServiceContractExtension contract = ServiceContractExtension.of(
 *         ServiceContract.builder(InventoryApplication.class, OrderListener.class, "onOrderPlaced")
 *                 .queue("inventory.order-placed")
 *                 .build());
 *
 * @Test
 * void lostAck() {
 *     contract.verify(Scenario.LOST_ACK);
 * }
 * }</pre>
 */
public final class ServiceContractExtension implements BeforeAllCallback, AfterAllCallback {

    /** System property naming the broker's AMQP URI; absent means a broker in the test JVM. */
    public static final String AMQP_URI_PROPERTY = "eventcontracts.amqp.uri";

    /** System property naming the harness broker's admin API, which service mode observes through. */
    public static final String ADMIN_URI_PROPERTY = "eventcontracts.admin.uri";

    /** System property naming the schema registry, passed on to the service. */
    public static final String REGISTRY_URI_PROPERTY = "eventcontracts.registry.uri";

    /** System property: seconds a scenario waits for its messages to settle (default 10). */
    public static final String SETTLE_TIMEOUT_PROPERTY = "eventcontracts.settle.timeout";

    /** System property naming the results directory (default {@code target/event-contracts/results}). */
    public static final String RESULTS_DIR_PROPERTY = "eventcontracts.results.dir";

    private final ServiceContract contract;
    private final List<ScenarioResult> results = new ArrayList<>();
    private ResultsFile resultsFile;
    private String brokerDisplay;
    private String unavailable;
    private ServiceSession session;

    private ServiceContractExtension(ServiceContract contract) {
        this.contract = contract;
    }

    /** An extension verifying {@code contract}. */
    public static ServiceContractExtension of(ServiceContract contract) {
        return new ServiceContractExtension(contract);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resultsFile =
                new ResultsFile(Path.of(property(context, RESULTS_DIR_PROPERTY, "target/event-contracts/results")));
        String amqp = property(context, AMQP_URI_PROPERTY, "");
        String admin = property(context, ADMIN_URI_PROPERTY, "");
        boolean ownBroker = amqp.isBlank() || amqp.startsWith("${");
        if (!ownBroker && (admin.isBlank() || admin.startsWith("${"))) {
            brokerDisplay = amqp;
            unavailable = "service mode observes the broker through the harness broker's admin API, and "
                    + ADMIN_URI_PROPERTY + " is not set (a real RabbitMQ at " + amqp + " has none): set it, or"
                    + " leave " + AMQP_URI_PROPERTY + " unset to start a harness broker in the test JVM.";
            return;
        }
        session = ServiceSession.start(
                contract,
                new ServiceSession.Options(
                        ownBroker ? null : URI.create(amqp),
                        ownBroker ? null : URI.create(admin),
                        property(context, REGISTRY_URI_PROPERTY, ""),
                        settleTimeout(context)));
        brokerDisplay = session.brokerDisplay();
    }

    private static String property(ExtensionContext context, String name, String fallback) {
        return context.getConfigurationParameter(name).orElse(System.getProperty(name, fallback));
    }

    /** Parses {@link #SETTLE_TIMEOUT_PROPERTY}: whole seconds, at least 1. */
    static Duration settleTimeout(ExtensionContext context) {
        String value = property(context, SETTLE_TIMEOUT_PROPERTY, "10");
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(SETTLE_TIMEOUT_PROPERTY + " '" + value
                + "' is not a number of seconds of at least 1; use e.g. -D" + SETTLE_TIMEOUT_PROPERTY + "=30");
    }

    /**
     * Runs {@code scenario} against the service, records it and fails the calling test when the
     * service breaks the contract (aborts it when the scenario does not apply).
     */
    public ScenarioResult verify(Scenario scenario) {
        if (resultsFile == null) {
            throw new IllegalStateException("ServiceContractExtension is not started: register it on a static field"
                    + " with @RegisterExtension so JUnit calls beforeAll.");
        }
        ScenarioResult result =
                unavailable != null ? ServiceSession.unavailable(scenario, unavailable) : session.run(scenario);
        results.removeIf(r -> r.scenario() == scenario);
        results.add(result);
        try {
            resultsFile.write(
                    contract.target(),
                    session == null ? contract.queue() : session.queue(),
                    session == null ? null : session.deadLetterExchange(),
                    brokerDisplay,
                    results);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write results to '" + resultsFile.fileFor(contract.target()) + "'", e);
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

    /**
     * Every scenario as a dynamic test named {@code (letter) what it proves}, for a generated
     * test's {@code @TestFactory}.
     */
    public Stream<DynamicTest> scenarios() {
        return Scenario.on(dev.eventcontracts.annotations.contract.ContractScenario.Transport.AMQP).stream()
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
