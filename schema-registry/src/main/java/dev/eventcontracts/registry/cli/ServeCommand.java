package dev.eventcontracts.registry.cli;

import dev.eventcontracts.registry.EmbeddedRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs the embedded registry in the foreground until the process is stopped
 * (Ctrl-C). Prints one ready line with the URLs.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the Apicurio Registry REST API v2 (/apis/registry/v2) and the Confluent-compatible API"
                + " (/apis/ccompat/v7) on 127.0.0.1, backed by a file store or memory. Ctrl-C stops it.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port to listen on (0 = a free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(
            names = "--storage",
            paramLabel = "DIR",
            description = "File-store directory (created if missing). Without it the registry is in memory.")
    private Path storage;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedRegistry registry;
        try {
            registry = EmbeddedRegistry.builder()
                    .port(port)
                    .storage(storage)
                    .build()
                    .start();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("Cannot start the registry: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        Thread hook = new Thread(
                () -> {
                    registry.close();
                    stop.countDown();
                },
                "registry-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("event-contracts registry ready: apicurio=" + registry.uri() + " ccompat=" + registry.ccompatUri()
                + " storage=" + (storage == null ? "memory" : storage.toAbsolutePath()));
        out.flush();
        try {
            stop.await();
        } finally {
            registry.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
        return 0;
    }

    /** Stops a running {@link #call()} from another thread (used by tests and embedders). */
    public void stop() {
        stop.countDown();
    }
}
