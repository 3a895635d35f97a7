package dev.eventcontracts.junit.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.internal.amqp.Journal;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer.AckPolicy;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer.Incoming;
import dev.eventcontracts.junit.internal.amqp.Topology;
import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.junit.internal.effects.RecordingPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One scenario run: its own topology under run-unique names, a fresh fixture (the service's
 * durable state), a recording publisher, the listener containers of the consumer instances, and
 * a watcher on the dead-letter queue. Closing it deletes everything it declared.
 */
final class Run implements AutoCloseable {

    private final ContractSession session;
    private final Topology topology;
    private final Journal journal = new Journal();
    private final Channel producer;
    private final RecordingPublisher publisher;
    private final Object fixture;
    private final List<ListenerContainer> containers = new ArrayList<>();
    private final JsonNode initialState;
    private volatile FaultPlan faults = FaultPlan.none();
    private volatile Predicate<Incoming> nonRetryableInjection = i -> false;
    private volatile CyclicBarrier barrier;

    Run(ContractSession session, String runId) throws IOException {
        this.session = session;
        var contract = session.contract();
        this.topology = new Topology(
                runId, contract.queue(), contract.exchange(), contract.routingKey(), contract.deadLetterQueue());
        session.http().reset();
        this.producer = session.connection().createChannel();
        producer.confirmSelect();
        topology.declare(producer);
        this.publisher = new RecordingPublisher(
                session.connection(), topology, session.normalizer(), () -> faults.beforePublish());
        this.fixture = session.newFixture();
        this.initialState = session.normalizer().state(state());
        if (!topology.deadLetterQueue().isEmpty()) {
            producer.basicConsume(topology.deadLetterQueue(), true, new DefaultConsumer(producer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    journal.record(new Journal.DeadLetter(body, props));
                }
            });
        }
    }

    Topology topology() {
        return topology;
    }

    Journal journal() {
        return journal;
    }

    JsonNode initialState() {
        return initialState;
    }

    void injectTransient(FaultPlan plan) {
        this.faults = plan;
    }

    void injectNonRetryable(Predicate<Incoming> target) {
        this.nonRetryableInjection = target;
    }

    /** Makes the next deliveries wait for each other in pairs before the handler runs. */
    void pairUp() {
        this.barrier = new CyclicBarrier(2);
    }

    ContractContext context() {
        URI http = session.http().baseUri();
        return new ContractContext() {
            @Override
            public Publisher publisher() {
                return publisher;
            }

            @Override
            public URI httpBaseUri() {
                return http;
            }
        };
    }

    /** A new consumer instance from the run's fixture: a process start. */
    Object newConsumer() {
        if (fixture instanceof ConsumerFixture<?> f) {
            return f.create(context());
        }
        try {
            return session.contract().consumerClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot build '" + session.contract().consumerClass().getName()
                            + "' with a public no-arg constructor (" + e + "). Write a ConsumerFixture for it.",
                    e);
        }
    }

    Object state() {
        return fixture instanceof ConsumerFixture<?> f ? f.state() : null;
    }

    /** Starts a listener container for {@code consumer}. */
    ListenerContainer start(Object consumer, int instance, int prefetch, AckPolicy policy) {
        var contract = session.contract();
        HandlerInvoker invoker = session.invoker();
        ListenerContainer container = new ListenerContainer(
                session.connection(),
                topology.queue(),
                instance,
                prefetch,
                contract.maxAttempts(),
                session::isNonRetryable,
                incoming -> {
                    awaitPartner();
                    faults.enter(incoming);
                    try {
                        if (nonRetryableInjection.test(incoming)) {
                            throw session.nonRetryableInstance();
                        }
                        invoker.invoke(consumer, incoming);
                    } finally {
                        faults.exit();
                    }
                },
                policy,
                journal);
        containers.add(container);
        return container.start();
    }

    private void awaitPartner() {
        CyclicBarrier b = barrier;
        if (b != null) {
            try {
                b.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (BrokenBarrierException | TimeoutException e) {
                barrier = new CyclicBarrier(2);
            }
        }
    }

    /** Publishes {@code sample} with {@code messageId} to the consumer's queue (through its binding). */
    void publish(Sample sample, String messageId) {
        try {
            synchronized (producer) {
                producer.basicPublish(
                        topology.publishExchange(),
                        topology.publishRoutingKey(),
                        sample.properties(messageId),
                        sample.body());
                producer.waitForConfirmsOrDie(5_000);
            }
        } catch (IOException | InterruptedException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException(new IOException("Publishing " + sample + " failed: " + e, e));
        }
    }

    /** Effects so far: published messages, HTTP requests and state. */
    Effects effects() {
        return new Effects(
                publisher.recorded(),
                session.http().recorded(),
                session.normalizer().state(state()));
    }

    /** Stops all containers. */
    void stopContainers() {
        containers.forEach(ListenerContainer::close);
        containers.clear();
    }

    @Override
    public void close() {
        stopContainers();
        try {
            topology.delete(producer);
        } catch (IOException | RuntimeException e) {
            // best effort: a failed cleanup must not hide the verdict
        }
        publisher.close();
        try {
            if (producer.isOpen()) {
                producer.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // already closed
        }
    }
}
