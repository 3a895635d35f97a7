package dev.eventcontracts.registry.bench;

import com.sun.net.httpserver.HttpServer;
import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.store.IfExists;
import dev.eventcontracts.registry.store.NewVersion;
import dev.eventcontracts.registry.store.RegistryStore;
import dev.eventcontracts.registry.testing.Avsc;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Registry benchmarks (docs/benchmarks.md): schema content lookups by global id per second
 * through apicurio-registry-client, and registering 1,000 subjects in the file store. Each
 * measurement runs our code and the reference back to back. Run with {@code java -cp
 * <test classpath> dev.eventcontracts.registry.bench.RegistryBench [repetitions]}.
 */
public final class RegistryBench {

    private static final int SUBJECTS = 1_000;

    private RegistryBench() {}

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        // The registry turns on TCP_NODELAY for the JDK server when it starts first in a JVM; the
        // reference server starts first here, so set it up front: both run with the same setting.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        lookups(3 * repetitions);
        List<double[]> registrations = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            registrations.add(new double[] {
                registerStore(true), registerStore(false), registerThroughClient(true), registerThroughClient(false)
            });
            double[] r = registrations.get(rep);
            System.out.printf(
                    Locale.ROOT,
                    "rep %d: 1,000 subjects ms store-file=%.0f store-memory=%.0f client-file=%.0f client-memory=%.0f%n",
                    rep + 1,
                    r[0],
                    r[1],
                    r[2],
                    r[3]);
        }
        String[] names = {
            "RegistryStore file", "RegistryStore memory", "client -> embedded file", "client -> embedded memory"
        };
        for (int i = 0; i < names.length; i++) {
            System.out.println("register 1,000 subjects ms, " + names[i] + ": " + summary(registrations, i));
        }
    }

    /**
     * Lookups per second by global id through apicurio-registry-client, one client thread each:
     * the embedded registry on a file store, on memory, and the reference (the same JDK server and
     * client answering a constant body). All three run at once and are measured in alternating
     * one-second slices, so background load hits them alike.
     */
    private static void lookups(int rounds) throws IOException {
        Path dir = Files.createTempDirectory("registry-bench");
        HttpServer constant = constantServer();
        try (EmbeddedRegistry file =
                        EmbeddedRegistry.builder().storage(dir).build().start();
                EmbeddedRegistry memory = EmbeddedRegistry.builder().build().start();
                RegistryClient fileClient =
                        RegistryClientFactory.create(file.uri().toString());
                RegistryClient memoryClient =
                        RegistryClientFactory.create(memory.uri().toString());
                RegistryClient constantClient = RegistryClientFactory.create(
                        "http://127.0.0.1:" + constant.getAddress().getPort() + "/apis/registry/v2")) {
            List<LongSupplier> calls = List.of(
                    lookupCall(fileClient),
                    lookupCall(memoryClient),
                    () -> read(constantClient.getContentByGlobalId(1)));
            for (LongSupplier call : calls) {
                perSecond(call, 2_000_000_000L);
            }
            List<double[]> samples = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] sample = new double[3];
                for (int i = 0; i < 3; i++) {
                    sample[i] = perSecond(calls.get(i), 1_000_000_000L);
                }
                samples.add(
                        new double[] {sample[0], sample[1], sample[2], sample[0] / sample[2], sample[1] / sample[2]});
                System.out.printf(
                        Locale.ROOT,
                        "round %d: lookups/s file=%.0f memory=%.0f constant=%.0f%n",
                        round + 1,
                        sample[0],
                        sample[1],
                        sample[2]);
            }
            String[] names = {"embedded, file store", "embedded, memory", "reference: JDK HttpServer, constant body"};
            for (int i = 0; i < names.length; i++) {
                System.out.println("lookups/s " + names[i] + ": " + summary(samples, i));
            }
            System.out.printf(
                    Locale.ROOT,
                    "ratio file/reference: median %.2f; memory/reference: median %.2f%n",
                    median(samples, 3),
                    median(samples, 4));
        } finally {
            constant.stop(0);
            ((java.util.concurrent.ExecutorService) constant.getExecutor()).shutdownNow();
        }
    }

    private static LongSupplier lookupCall(RegistryClient client) {
        long[] globalIds = new long[100];
        for (int i = 0; i < globalIds.length; i++) {
            globalIds[i] = client.createArtifact(null, "subject-" + i, stream(Avsc.numbered("Lookup", i)))
                    .getGlobalId();
        }
        int[] next = {0};
        return () -> read(client.getContentByGlobalId(globalIds[next[0]++ % globalIds.length]));
    }

    private static HttpServer constantServer() throws IOException {
        byte[] body = Avsc.ORDER_V1.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/apis/registry/v2/ids/globalIds", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static double registerStore(boolean files) throws IOException {
        Path dir = Files.createTempDirectory("registry-bench");
        try (RegistryStore store = files ? RegistryStore.open(dir) : RegistryStore.inMemory()) {
            long start = System.nanoTime();
            for (int i = 0; i < SUBJECTS; i++) {
                store.create(
                        null, "subject-" + i, "AVRO", NewVersion.of(Avsc.numbered("Reg", i)), IfExists.FAIL, false);
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static double registerThroughClient(boolean files) throws IOException {
        EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder();
        if (files) {
            builder.storage(Files.createTempDirectory("registry-bench"));
        }
        try (EmbeddedRegistry registry = builder.build().start();
                RegistryClient client =
                        RegistryClientFactory.create(registry.uri().toString())) {
            long start = System.nanoTime();
            for (int i = 0; i < SUBJECTS; i++) {
                client.createArtifact(null, "subject-" + i, stream(Avsc.numbered("Reg", i)));
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /** Counts calls for the given time. */
    private static double perSecond(LongSupplier call, long nanos) {
        long count = 0;
        long start = System.nanoTime();
        long end = start + nanos;
        long now;
        while ((now = System.nanoTime()) < end) {
            call.getAsLong();
            count++;
        }
        return count / ((now - start) / 1e9);
    }

    private static long read(InputStream in) {
        try (in) {
            return in.readAllBytes().length;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static double median(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static String summary(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        double median = median(runs, column);
        return String.format(
                Locale.ROOT,
                "median %.0f (min %.0f, max %.0f) over %d runs %s",
                median,
                values[0],
                values[values.length - 1],
                values.length,
                Arrays.toString(values));
    }
}
