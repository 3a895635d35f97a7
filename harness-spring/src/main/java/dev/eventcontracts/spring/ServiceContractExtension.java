package dev.eventcontracts.spring;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.spring.internal.BrokerAdmin;
import dev.eventcontracts.spring.internal.HttpStub;
import dev.eventcontracts.spring.internal.ListenerSetup;
import dev.eventcontracts.spring.internal.Observer;
import dev.eventcontracts.spring.internal.ResultsFile;
import dev.eventcontracts.spring.internal.SamplePublisher;
import dev.eventcontracts.spring.internal.Samples;
import dev.eventcontracts.spring.internal.ServiceApp;
import dev.eventcontracts.spring.internal.ServiceScenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;

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

    /** Deliveries of one message after which it counts as requeued forever. */
    static final int LOOP_BOUND = 20;

    private final ServiceContract contract;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ScenarioResult> results = new ArrayList<>();
    private ResultsFile resultsFile;
    private String brokerDisplay;
    private String unavailable;
    private ListenerSetup setup;
    private ServiceScenarios scenarios;

    private ServiceContractExtension(ServiceContract contract) {
        this.contract = contract;
    }

    /** An extension verifying {@code contract}. */
    public static ServiceContractExtension of(ServiceContract contract) {
        return new ServiceContractExtension(contract);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resultsFile = new ResultsFile(Path.of(property(context, RESULTS_DIR_PROPERTY, "target/event-contracts/results")));
        String amqp = property(context, AMQP_URI_PROPERTY, "");
        String adminUri = property(context, ADMIN_URI_PROPERTY, "");
        URI broker;
        URI admin;
        if (amqp.isBlank() || amqp.startsWith("${")) {
            HarnessBroker started = HarnessBroker.builder().build().start();
            resources.add(started);
            broker = started.amqpUri();
            admin = started.adminUri();
        } else if (adminUri.isBlank() || adminUri.startsWith("${")) {
            brokerDisplay = amqp;
            unavailable = "service mode observes the broker through the harness broker's admin API, and "
                    + ADMIN_URI_PROPERTY + " is not set (a real RabbitMQ at " + amqp + " has none): set it, or"
                    + " leave " + AMQP_URI_PROPERTY + " unset to start a harness broker in the test JVM.";
            return;
        } else {
            broker = URI.create(amqp);
            admin = URI.create(adminUri);
        }
        brokerDisplay = broker.toString();
        BrokerAdmin brokerAdmin = new BrokerAdmin(admin);
        try {
            HttpStub stub = new HttpStub();
            resources.add(stub);
            ServiceApp app = ServiceApp.start(
                    contract.application(),
                    new ServiceApp.Wiring(broker, stub.baseUri(), property(context, REGISTRY_URI_PROPERTY, "")));
            resources.add(0, app);
            setup = ListenerSetup.read(app.context(), contract, brokerAdmin);
            awaitConsumer(brokerAdmin, setup.queue());
            SamplePublisher publisher = new SamplePublisher(broker);
            resources.add(0, publisher);
            Observer observer = new Observer(brokerAdmin, stub, setup, settleTimeout(context), LOOP_BOUND);
            RabbitListenerEndpointRegistry registry =
                    app.context().getBeanProvider(RabbitListenerEndpointRegistry.class).getIfAvailable();
            Runnable restart = () -> {
                if (registry != null) {
                    registry.stop();
                }
                brokerAdmin.purge(setup.queue());
                if (registry != null) {
                    registry.start();
                }
                awaitConsumer(brokerAdmin, setup.queue());
            };
            scenarios = new ServiceScenarios(new ServiceScenarios.Parts(
                    contract, setup, brokerAdmin, publisher, observer, new Samples(setup), restart));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the HTTP stub for " + contract.displayName(), e);
        }
    }

    private static void awaitConsumer(BrokerAdmin admin, String queue) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (admin.queue(queue).map(q -> q.consumers() > 0).orElse(false)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("No consumer of the service subscribed to queue '" + queue
                + "' within 10 s. Check the listener container starts (spring.rabbitmq.listener.simple.auto-startup).");
    }

    private static String property(ExtensionContext context, String name, String fallback) {
        return context.getConfigurationParameter(name).orElse(System.getProperty(name, fallback));
    }

    private static Duration settleTimeout(ExtensionContext context) {
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
        ScenarioResult result = unavailable != null
                ? new ScenarioResult(scenario, dev.eventcontracts.junit.ScenarioStatus.SKIPPED, unavailable, null, 0)
                : scenarios.run(scenario);
        results.removeIf(r -> r.scenario() == scenario);
        results.add(result);
        try {
            resultsFile.write(
                    contract,
                    setup == null ? contract.queue() : setup.queue(),
                    setup == null ? null : setup.queueArgument("x-dead-letter-exchange"),
                    brokerDisplay,
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

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        resources.clear();
        if (first != null) {
            throw first;
        }
    }
}
