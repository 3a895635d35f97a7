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
    private final List<AutoCloseable> consumers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final JsonNode initialState;
    private final long journalMark;
    private final java.util.concurrent.atomic.AtomicInteger faultPointCalls =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile FaultPlan faults = FaultPlan.none();
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
                session.publisherConnection(), topology, session.normalizer(), () -> faults.beforePublish());
        this.fixture = session.newFixture();
        this.initialState = session.normalizer().state(state());
        this.journalMark = session.published().mark();
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

            @Override
            public URI amqpUri() {
                return session.brokerUri();
            }

            @Override
            public FaultPoint faultPoint() {
                return operation -> {
                    faultPointCalls.incrementAndGet();
                    RuntimeException fault = faults.atFaultPoint(operation);
                    if (fault != null) {
                        throw fault;
                    }
                };
            }
        };
    }

    /** A new consumer instance from the run's fixture: a process start. */
    Object newConsumer() {
        Object consumer = create();
        if (consumer instanceof AutoCloseable c) {
            consumers.add(c);
        }
        return consumer;
    }

    private Object create() {
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
                    faults.enter(new FaultPlan.Attempt(incoming.messageId(), incoming.attempt()));
                    try {
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

    /**
     * Effects so far: published messages (every publish the broker journaled since the run
     * started, or what ctx.publisher() sent when the broker keeps no journal), HTTP requests and
     * state.
     */
    Effects effects() {
        flush();
        return new Effects(
                session.published().since(journalMark, topology, publisher.recorded()),
                session.http().recorded(),
                session.normalizer().state(state()));
    }

    /** What the consumer did besides its effects: publishes through ctx.publisher(), fault point calls. */
    Io io() {
        return new Io(!publisher.recorded().isEmpty(), faultPointCalls.get() > 0);
    }

    /**
     * Which of the consumer's own I/O paths a run reached.
     *
     * @param ctxPublisher it published through {@code ctx.publisher()}
     * @param faultPoint it passed a fault point the fixture placed
     */
    record Io(boolean ctxPublisher, boolean faultPoint) {}

    /** A round trip on the dead-letter watcher's channel, so copies routed before it have arrived. */
    void settleDeadLetters() {
        if (topology.deadLetterQueue().isEmpty()) {
            return;
        }
        try {
            synchronized (producer) {
                producer.queueDeclarePassive(topology.deadLetterQueue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A round trip to the broker, so publishes that reached it before are in its journal. */
    private void flush() {
        if (!session.published().journaled()) {
            return;
        }
        try {
            synchronized (producer) {
                producer.queueDeclarePassive(topology.queue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops all containers. */
    void stopContainers() {
        containers.forEach(ListenerContainer::close);
        containers.clear();
    }

    @Override
    public void close() {
        stopContainers();
        for (AutoCloseable consumer : consumers) {
            try {
                consumer.close(); // the process stops: a consumer with its own connection closes it
            } catch (Exception e) {
                // best effort, like a process exit
            }
        }
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
