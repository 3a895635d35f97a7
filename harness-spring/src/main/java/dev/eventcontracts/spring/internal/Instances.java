package dev.eventcontracts.spring.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running instances of the service: the primary application context, which a scenario may
 * restart (a process restart on the same durable state: same properties, so the same external
 * database), and an optional second instance started with the same properties, for two instances
 * receiving the same message (docs/service-mode.md, scenarios).
 */
public final class Instances implements AutoCloseable {

    private static final long CONSUMER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Class<?> application;
    private final ServiceApp.Wiring wiring;
    private final BrokerAdmin admin;
    private String queue;
    private ServiceApp primary;
    private ServiceApp second;
    private int secondConsumers;
    private final java.util.List<Thread> closing = new java.util.ArrayList<>();
    private java.util.function.Consumer<ConfigurableApplicationContext> onStart = context -> {};

    /** Starts the primary instance of {@code application}. */
    public Instances(Class<?> application, ServiceApp.Wiring wiring, BrokerAdmin admin) {
        this.application = application;
        this.wiring = wiring;
        this.admin = admin;
        this.primary = ServiceApp.start(application, wiring);
    }

    /** The primary instance's context. */
    public ConfigurableApplicationContext primary() {
        return primary.context();
    }

    /**
     * Runs {@code hook} on the context of every instance started from now on (the primary after a
     * restart, a second instance), before its consumers are awaited.
     */
    public void onStart(java.util.function.Consumer<ConfigurableApplicationContext> hook) {
        this.onStart = hook;
    }

    /** Sets the listener's queue once it is known, and waits for the primary's consumer. */
    public void listenerQueue(String queue) {
        this.queue = queue;
        awaitConsumers(1);
    }

    /**
     * Closes the primary context and starts a new one with the same properties: what a process
     * restart does, keeping only what the service keeps outside its memory.
     */
    public void restartPrimary() {
        int before = consumers();
        int others = second == null ? 0 : secondConsumers;
        closeInBackground(primary, others);
        primary = ServiceApp.start(application, wiring);
        onStart.accept(primary.context());
        awaitConsumers(before);
    }

    /** Starts a second instance with the same properties and waits until both consume. */
    public void startSecond() {
        if (second == null) {
            int before = consumers();
            second = ServiceApp.start(application, wiring);
            onStart.accept(second.context());
            awaitConsumers(before + 1);
            secondConsumers = consumers() - before;
        }
    }

    /** Closes the second instance, if any. */
    public void stopSecond() {
        if (second != null) {
            ServiceApp s = second;
            second = null;
            closeInBackground(s, consumers() - secondConsumers);
        }
    }

    /** Stops the listener containers of every instance, purges the queue and starts them again. */
    public void restartListeners() {
        int before = consumers();
        registry(primary).ifPresent(RabbitListenerEndpointRegistry::stop);
        if (second != null) {
            registry(second).ifPresent(RabbitListenerEndpointRegistry::stop);
        }
        admin.purge(queue);
        registry(primary).ifPresent(RabbitListenerEndpointRegistry::start);
        if (second != null) {
            registry(second).ifPresent(RabbitListenerEndpointRegistry::start);
        }
        awaitConsumers(before);
    }

    /**
     * Closes {@code app} on another thread and returns once its consumers are gone from the queue
     * ({@code remaining} left): a listener container's shutdown then still waits for its consumer
     * threads (up to its receive timeout), which no scenario needs to wait for.
     */
    private void closeInBackground(ServiceApp app, int remaining) {
        Thread t = new Thread(app::close, "event-contracts-close-" + application.getSimpleName());
        t.setDaemon(true);
        t.start();
        closing.add(t);
        long deadline = System.nanoTime() + CONSUMER_WAIT_NANOS;
        while (consumers() > remaining && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static java.util.Optional<RabbitListenerEndpointRegistry> registry(ServiceApp app) {
        return java.util.Optional.ofNullable(app.context()
                .getBeanProvider(RabbitListenerEndpointRegistry.class)
                .getIfAvailable());
    }

    /** The consumers on the listener's queue now. */
    public int consumers() {
        return admin.queue(queue).map(BrokerAdmin.QueueState::consumers).orElse(0);
    }

    private void awaitConsumers(int atLeast) {
        long deadline = System.nanoTime() + CONSUMER_WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (consumers() >= Math.max(1, atLeast)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new IllegalStateException("No consumer of the service subscribed to queue '" + queue
                + "' within 10 s (expected " + atLeast + " consumers). Check the listener container"
                + " starts (spring.rabbitmq.listener.simple.auto-startup).");
    }

    @Override
    public void close() {
        if (second != null) {
            second.close();
            second = null;
        }
        primary.close();
        for (Thread t : closing) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
