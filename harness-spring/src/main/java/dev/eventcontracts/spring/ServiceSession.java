package dev.eventcontracts.spring;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.spring.internal.BrokerAdmin;
import dev.eventcontracts.spring.internal.HttpStub;
import dev.eventcontracts.spring.internal.Instances;
import dev.eventcontracts.spring.internal.ListenerSetup;
import dev.eventcontracts.spring.internal.Observer;
import dev.eventcontracts.spring.internal.SamplePublisher;
import dev.eventcontracts.spring.internal.Samples;
import dev.eventcontracts.spring.internal.ServiceApp;
import dev.eventcontracts.spring.internal.ServiceScenarios;
import dev.eventcontracts.spring.internal.UserSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One running service under contract: the broker (given, or started here), the HTTP stub, the
 * service's application context and the scenarios over them. {@link ServiceContractExtension}
 * holds one per test class; a bench or a test can hold one directly.
 */
public final class ServiceSession implements AutoCloseable {

    /** Deliveries of one message after which it counts as requeued forever. */
    static final int LOOP_BOUND = 20;

    /**
     * Where the session runs.
     *
     * @param amqp the broker's AMQP URI, or null to start a harness broker here
     * @param admin the harness broker's admin API, or null (required when {@code amqp} is given)
     * @param registry the registry URI passed to the service, or null
     * @param settleTimeout how long a scenario waits for its messages to settle
     */
    public record Options(URI amqp, URI admin, String registry, Duration settleTimeout) {}

    private final ServiceContract contract;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String brokerDisplay;
    private final ListenerSetup setup;
    private final ServiceScenarios scenarios;
    private final Observer observer;

    private ServiceSession(ServiceContract contract, Options options) {
        this.contract = contract;
        URI broker = options.amqp();
        URI admin = options.admin();
        if (broker == null) {
            HarnessBroker started = HarnessBroker.builder().build().start();
            resources.add(started);
            broker = started.amqpUri();
            admin = started.adminUri();
        }
        brokerDisplay = withoutCredentials(broker);
        BrokerAdmin brokerAdmin = new BrokerAdmin(admin);
        try {
            HttpStub stub = new HttpStub();
            resources.add(0, stub);
            Instances instances = new Instances(
                    contract.application(),
                    new ServiceApp.Wiring(broker, stub.baseUri(), options.registry()),
                    brokerAdmin);
            resources.add(0, instances);
            setup = ListenerSetup.read(instances.primary(), contract.target(), brokerAdmin);
            ListenerSetup read = setup;
            instances.onStart(context -> read.attach(context, contract.target()));
            instances.listenerQueue(setup.queue());
            SamplePublisher publisher = new SamplePublisher(broker);
            resources.add(0, publisher);
            observer = new Observer(brokerAdmin, stub, setup, instances::primary, options.settleTimeout(), LOOP_BOUND);
            Samples samples = new Samples(setup);
            Class<?> fixture = contract.fixture() != null
                    ? contract.fixture()
                    : FixtureLookup.find(contract.application(), contract.listenerClass())
                            .orElse(null);
            UserSamples user = fixture == null
                    ? new UserSamples(null, List.of(), setup, samples)
                    : new UserSamples(
                            fixture.getName(),
                            FixtureLookup.instantiate(fixture).poisonSamples(),
                            setup,
                            samples);
            scenarios = new ServiceScenarios(new ServiceScenarios.Parts(
                    contract.target(), setup, brokerAdmin, publisher, observer, samples, user, stub, instances));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot start the HTTP stub for " + contract.displayName(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the service of {@code contract}.
     *
     * @throws IllegalArgumentException when {@code amqp} is given without {@code admin}
     */
    public static ServiceSession start(ServiceContract contract, Options options) {
        if (options.amqp() != null && options.admin() == null) {
            throw new IllegalArgumentException("Service mode observes the broker through the harness broker's admin"
                    + " API; broker '" + options.amqp() + "' came without one. Set eventcontracts.admin.uri, or"
                    + " leave eventcontracts.amqp.uri unset to start a harness broker in the test JVM.");
        }
        return new ServiceSession(contract, options);
    }

    /** Runs one scenario. */
    public ScenarioResult run(Scenario scenario) {
        return scenarios.run(scenario);
    }

    /** What the scenarios found besides their verdicts, e.g. {@code effects-unobservable}. */
    public List<ContractSession.Finding> findings() {
        return scenarios.findings();
    }

    /** What idempotency is judged on, as the results file says it. */
    public String judgedOn() {
        return "service: broker journal + HTTP stub" + (observer.stateConfigured() ? " + state" : "");
    }

    /** The queue the listener reads. */
    public String queue() {
        return setup.queue();
    }

    /** The queue's dead-letter exchange argument, or null when it has none. */
    public String deadLetterExchange() {
        String dlx = setup.queueArgument("x-dead-letter-exchange");
        return dlx.equals("(none)") ? null : dlx;
    }

    /** The broker the service runs against. */
    public String brokerDisplay() {
        return brokerDisplay;
    }

    private static String withoutCredentials(URI uri) {
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + host + path;
    }

    /** A result for every scenario when the session could not start. */
    static ScenarioResult unavailable(Scenario scenario, String why) {
        return new ScenarioResult(scenario, ScenarioStatus.SKIPPED, why, null, 0);
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        resources.clear();
    }
}
