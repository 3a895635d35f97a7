package dev.eventcontracts.plugin.lifecycle;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.plugin.problems.UserProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The services {@code start} runs for the integration tests of one project: the harness broker
 * on a free port, its endpoints written to {@code target/event-contracts/endpoints.properties}.
 *
 * <p>Closing is idempotent. A JVM shutdown hook closes the environment too, so a build that fails
 * between {@code start} and {@code stop}, or a Ctrl-C, never leaves a broker behind; since ports
 * are free ports and the endpoints file is rewritten at every start, nothing left by a killed
 * build blocks the next one. Environments share nothing: each project of a {@code -T} build gets
 * its own.
 */
public final class HarnessEnvironment implements AutoCloseable {

    private final EnvironmentConfig config;
    private final HarnessBroker broker;
    private final Endpoints endpoints;
    private final Thread shutdownHook;
    private final CountDownLatch closed = new CountDownLatch(1);

    private HarnessEnvironment(EnvironmentConfig config, HarnessBroker broker) {
        this.config = config;
        this.broker = broker;
        this.endpoints = new Endpoints(broker.amqpUri().toString(), null);
        this.shutdownHook = new Thread(this::close, "event-contracts-shutdown");
    }

    /**
     * Starts the services and writes the endpoints file.
     *
     * @throws UserProblemException a configured port is taken
     * @throws IOException the endpoints file cannot be written
     */
    public static HarnessEnvironment start(EnvironmentConfig config) throws IOException {
        Files.deleteIfExists(config.endpointsFile());
        HarnessBroker broker;
        try {
            broker = HarnessBroker.builder()
                    .amqpPort(config.amqpPort())
                    .bindAddress(config.bindAddress())
                    .build()
                    .start();
        } catch (UncheckedIOException e) {
            throw new UserProblemException(
                    "Cannot start the harness broker on " + config.bindAddress() + ":" + config.amqpPort() + ": "
                            + e.getCause().getMessage() + ". Use <amqpPort>0</amqpPort> (a free port, the default)"
                            + " or free the port.",
                    e);
        }
        HarnessEnvironment environment = new HarnessEnvironment(config, broker);
        try {
            environment.endpoints.write(config.endpointsFile());
            Runtime.getRuntime().addShutdownHook(environment.shutdownHook);
        } catch (IOException | RuntimeException e) {
            environment.close();
            throw e;
        }
        return environment;
    }

    /** Where the services listen. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** Blocks until the environment is closed (by {@link #close()} or the JVM's shutdown), or the timeout passes. */
    public boolean awaitClose(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    /** Whether the environment has been closed. */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Stops the services and removes the endpoints file. Idempotent. */
    @Override
    public synchronized void close() {
        if (isClosed()) {
            return;
        }
        try {
            broker.close();
            Files.deleteIfExists(config.endpointsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closed.countDown();
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    // the JVM is already shutting down (the hook runs, or ran, close itself) or it was never added
                }
            }
        }
    }
}
