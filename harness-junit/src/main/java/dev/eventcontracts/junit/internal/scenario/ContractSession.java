package dev.eventcontracts.junit.internal.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.annotations.contract.ContractDefaults;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.amqp.Journal;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import dev.eventcontracts.junit.internal.effects.HttpStub;
import dev.eventcontracts.junit.internal.effects.Normalizer;
import dev.eventcontracts.junit.internal.effects.PublishedEffects;
import dev.eventcontracts.junit.internal.journal.PublishLog;
import dev.eventcontracts.junit.internal.json.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the contract scenarios of one consumer against one broker: owns the AMQP connection, the
 * HTTP stub, the codec and sample data, caches baseline runs, and turns every scenario into a
 * {@link ScenarioResult} (never throws for a consumer's misbehaviour).
 */
public final class ContractSession implements ScenarioSession {

    /**
     * Tunables of a session.
     *
     * @param seed seed of the sample data
     * @param settleTimeout how long a scenario waits for messages to settle before giving up
     * @param loopBound deliveries of one message after which it counts as looping forever
     */
    public record Options(long seed, Duration settleTimeout, int loopBound) {
        /** The {@link ContractDefaults}: seed 42, 10 s to settle, 25 deliveries count as a loop. */
        public static Options defaults() {
            return new Options(
                    ContractDefaults.SAMPLE_SEED,
                    Duration.ofSeconds(ContractDefaults.SETTLE_SECONDS),
                    ContractDefaults.LOOP_BOUND);
        }
    }

    private final ConsumerContract contract;
    private final URI brokerUri;
    private final Options options;
    private final Connection connection;
    private final Connection publisherConnection;
    private final PublishedEffects published;
    private final Set<Finding> findings = new LinkedHashSet<>();
    private final Fixtures fixtures;
    private List<Sample> poison;
    private final HttpStub http;
    private final Normalizer normalizer;
    private final AvroCodec codec;
    private final JsonCodec json;
    private final HandlerInvoker invoker;
    private final Samples samples;
    private final Map<Integer, Baseline> baselines = new HashMap<>();
    private final List<ScenarioResult> results = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private Run lastRun;
    private final String sessionId = Long.toHexString(System.nanoTime() & 0xffffffffL);

    /**
     * A finding a session reports besides the scenario results, e.g. {@code effects-unobservable}.
     *
     * @param code stable code
     * @param severity {@code INFO}, {@code WARNING} or {@code ERROR}
     * @param message what was found and what to do
     */
    public record Finding(String code, String severity, String message) {}

    /** Connects to {@code brokerUri} and starts the HTTP stub; no publish journal (effects via ctx.publisher()). */
    public ContractSession(ConsumerContract contract, URI brokerUri, Options options)
            throws IOException, TimeoutException {
        this(contract, brokerUri, options, null);
    }

    /**
     * Connects to {@code brokerUri} and starts the HTTP stub.
     *
     * @param journal the broker's publish journal, or null when it has none (a real RabbitMQ)
     */
    public ContractSession(ConsumerContract contract, URI brokerUri, Options options, PublishLog journal)
            throws IOException, TimeoutException {
        this.contract = contract;
        this.brokerUri = brokerUri;
        this.options = options;
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(brokerUri);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Broker URI '" + brokerUri + "' is not an AMQP URI: " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5_000);
        this.connection = factory.newConnection(
                PublishedEffects.CONNECTION_PREFIX + "driver " + sessionId + " " + contract.displayName());
        String publisherName = PublishedEffects.CONNECTION_PREFIX + "publisher " + sessionId;
        this.publisherConnection = factory.newConnection(publisherName);
        this.normalizer = new Normalizer(new ObjectMapper(), contract.ignoreEffectPaths());
        this.published = new PublishedEffects(journal, clientAddress(connection), normalizer);
        this.http = new HttpStub(normalizer);
        this.codec = contract.readerSchema() == null
                ? null
                : new AvroCodec(contract.readerSchema(), contract.writerSchemas());
        this.json = JsonCodec.forClasspath(contract.consumerClass().getClassLoader());
        this.invoker = new HandlerInvoker(contract, codec, json, options.settleTimeout());
        this.fixtures = new Fixtures(contract);
        this.samples = new Samples(contract, options.seed(), json, fixtures::samples, fixtures::name);
    }

    /** The contract under test. */
    public ConsumerContract contract() {
        return contract;
    }

    /** {@code <ip>:<port>} of the connection's client side, as the harness broker names it. */
    private static String clientAddress(Connection connection) {
        if (connection instanceof com.rabbitmq.client.impl.AMQConnection c) {
            return c.getLocalAddress().getHostAddress() + ":" + c.getLocalPort();
        }
        return "<unknown client address>";
    }

    URI brokerUri() {
        return brokerUri;
    }

    /** The broker URI without credentials, for reports. */
    public String brokerDisplay() {
        return brokerUri.getScheme() + "://" + brokerUri.getHost()
                + (brokerUri.getPort() > 0 ? ":" + brokerUri.getPort() : "");
    }

    /**
     * {@code amqp-harness} when the broker keeps a publish journal (the harness broker),
     * otherwise {@code rabbitmq}.
     */
    @Override
    public String brokerKind() {
        return published.journaled() ? "amqp-harness" : "rabbitmq";
    }

    /** Results of the scenarios run so far, in run order. */
    @Override
    public synchronized List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    /** Runs one scenario; consumer misbehaviour is a FAILED result, broken infrastructure an ERROR. */
    @Override
    public ScenarioResult run(Scenario scenario) {
        if (!scenario.descriptor().runsOn(dev.eventcontracts.annotations.contract.ContractScenario.Transport.AMQP)) {
            ScenarioResult result = new ScenarioResult(
                    scenario,
                    ScenarioStatus.SKIPPED,
                    scenario.id() + " is a Kafka scenario; " + contract.displayName() + " reads an AMQP queue.",
                    null,
                    0);
            synchronized (this) {
                results.add(result);
            }
            return result;
        }
        long start = System.nanoTime();
        synchronized (this) {
            lastRun = null;
        }
        Verdict verdict;
        try {
            verdict = !samples.hasGood()
                    ? noSamples()
                    : scenario.isIdempotency()
                            ? new IdempotencyScenarios(this).run(scenario)
                            : new DeadLetterScenarios(this).run(scenario);
        } catch (BaselineException e) {
            verdict = Verdict.error(e.getMessage());
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
            verdict = Verdict.error(scenario.id() + " could not run against " + brokerDisplay() + ": " + cause);
        }
        boolean broken = verdict.status() == ScenarioStatus.FAILED || verdict.status() == ScenarioStatus.ERROR;
        ScenarioResult result = new ScenarioResult(
                scenario,
                verdict.status(),
                verdict.message(),
                verdict.fix(),
                (System.nanoTime() - start) / 1_000_000,
                broken ? lastJournal() : List.of());
        synchronized (this) {
            results.removeIf(r -> r.scenario() == scenario);
            results.add(result);
        }
        return result;
    }

    /** Every scenario is skipped, with the finding {@code samples-missing}, when no good message exists. */
    private Verdict noSamples() {
        String why = samples.whyNoGood();
        report(new Finding("samples-missing", "WARNING", why));
        return Verdict.skipped(why);
    }

    /** True when at least one scenario failed or errored. */
    public synchronized boolean anyFailed() {
        return results.stream()
                .anyMatch(r -> r.status() == ScenarioStatus.FAILED || r.status() == ScenarioStatus.ERROR);
    }

    Run newRun() throws IOException {
        Run run = new Run(this, sessionId + "-" + runs.incrementAndGet());
        synchronized (this) {
            lastRun = run;
        }
        return run;
    }

    /** The journal of the scenario's last run, for the report's timeline (docs/contract-tests.md). */
    private synchronized List<ScenarioResult.JournalEvent> lastJournal() {
        if (lastRun == null) {
            return List.of();
        }
        List<ScenarioResult.JournalEvent> events = new ArrayList<>();
        for (Journal.Delivery d : lastRun.journal().deliveries()) {
            events.add(new ScenarioResult.JournalEvent(
                    d.messageId(),
                    d.instance(),
                    d.attempt(),
                    d.redelivered(),
                    d.outcome().name()));
        }
        for (Journal.DeadLetter letter : lastRun.journal().deadLetters()) {
            events.add(new ScenarioResult.JournalEvent(letter.messageId(), 0, 0, false, "DEAD_LETTERED"));
        }
        return events;
    }

    Options options() {
        return options;
    }

    Connection publisherConnection() {
        return publisherConnection;
    }

    PublishedEffects published() {
        return published;
    }

    /** Where the consumer's published messages are observed: {@code broker-journal} or {@code ctx.publisher()}. */
    public String effectsObservedAt() {
        return published.observedAt();
    }

    /** Findings so far (each once), in the order found. */
    public synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Reports {@code finding} unless one with its code was reported already (one per code and consumer). */
    synchronized void report(Finding finding) {
        if (findings.stream().noneMatch(f -> f.code().equals(finding.code()))) {
            findings.add(finding);
        }
    }

    Connection connection() {
        return connection;
    }

    HttpStub http() {
        return http;
    }

    Normalizer normalizer() {
        return normalizer;
    }

    HandlerInvoker invoker() {
        return invoker;
    }

    Samples samples() {
        return samples;
    }

    /** The effects of delivering good samples 1..n once each, on a fresh fixture (cached). */
    synchronized Baseline baseline(int n) throws IOException {
        Baseline cached = baselines.get(n);
        if (cached == null) {
            cached = Baseline.measure(this, n);
            baselines.put(n, cached);
        }
        return cached;
    }

    /** The fixture's poison samples (none without a fixture), read once. */
    synchronized List<Sample> poisonSamples() {
        if (poison == null) {
            poison = fixtures.poison(samples);
        }
        return poison;
    }

    Object newFixture() {
        return fixtures.newFixture();
    }

    boolean isNonRetryable(Throwable failure) {
        if (failure instanceof UndecodableMessageException) {
            return true;
        }
        return contract.nonRetryable().stream().anyMatch(type -> type.isInstance(failure));
    }

    @Override
    public void close() {
        http.close();
        try {
            publisherConnection.close();
        } catch (IOException | RuntimeException e) {
            // the broker may already be gone
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // the broker may already be gone
        }
    }

    /** Thrown when the baseline run itself fails; the scenario reports ERROR. */
    static final class BaselineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BaselineException(String message) {
            super(message);
        }
    }
}
