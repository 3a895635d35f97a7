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
 * repetition runs our code and the reference back to back. Run with {@code java -cp
 * <test classpath> dev.eventcontracts.registry.bench.RegistryBench [repetitions]}.
 */
public final class RegistryBench {

    private static final int SUBJECTS = 1_000;
    private static final long LOOKUP_NANOS = 3_000_000_000L;

    private RegistryBench() {}

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<double[]> lookups = new ArrayList<>();
        List<double[]> registrations = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            lookups.add(new double[] {lookupsFileStore(), lookupsMemory(), lookupsConstantServer()});
            registrations.add(new double[] {
                registerStore(true), registerStore(false), registerThroughClient(true), registerThroughClient(false)
            });
            System.out.printf(
                    Locale.ROOT,
                    "rep %d: lookups/s file=%.0f memory=%.0f constant-server=%.0f | 1,000 subjects ms"
                            + " store-file=%.0f store-memory=%.0f client-file=%.0f client-memory=%.0f%n",
                    rep + 1,
                    lookups.get(rep)[0],
                    lookups.get(rep)[1],
                    lookups.get(rep)[2],
                    registrations.get(rep)[0],
                    registrations.get(rep)[1],
                    registrations.get(rep)[2],
                    registrations.get(rep)[3]);
        }
        String[] lookupNames = {"embedded, file store", "embedded, memory", "reference: JDK HttpServer, constant body"};
        for (int i = 0; i < lookupNames.length; i++) {
            System.out.println("lookups/s " + lookupNames[i] + ": " + summary(lookups, i));
        }
        String[] registerNames = {
            "RegistryStore file", "RegistryStore memory", "client -> embedded file", "client -> embedded memory"
        };
        for (int i = 0; i < registerNames.length; i++) {
            System.out.println("register 1,000 subjects ms, " + registerNames[i] + ": " + summary(registrations, i));
        }
    }

    private static double lookupsFileStore() throws IOException {
        Path dir = Files.createTempDirectory("registry-bench");
        try (EmbeddedRegistry registry =
                EmbeddedRegistry.builder().storage(dir).build().start()) {
            return lookups(registry);
        }
    }

    private static double lookupsMemory() throws IOException {
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().build().start()) {
            return lookups(registry);
        }
    }

    private static double lookups(EmbeddedRegistry registry) throws IOException {
        long[] globalIds = new long[100];
        try (RegistryClient client = RegistryClientFactory.create(registry.uri().toString())) {
            for (int i = 0; i < globalIds.length; i++) {
                globalIds[i] = client.createArtifact(null, "subject-" + i, stream(Avsc.numbered("Lookup", i)))
                        .getGlobalId();
            }
            int[] next = {0};
            return perSecond(() -> read(client.getContentByGlobalId(globalIds[next[0]++ % globalIds.length])));
        }
    }

    /** The reference: the same JDK server and the same client, answering a constant body with no lookup. */
    private static double lookupsConstantServer() throws IOException {
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
        try (RegistryClient client = RegistryClientFactory.create(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/registry/v2")) {
            int[] next = {0};
            return perSecond(() -> read(client.getContentByGlobalId(1 + next[0]++ % 100)));
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
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

    /** Warms up for a second, then counts calls for {@link #LOOKUP_NANOS}. */
    private static double perSecond(LongSupplier call) {
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            call.getAsLong();
        }
        long count = 0;
        long start = System.nanoTime();
        long end = start + LOOKUP_NANOS;
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

    private static String summary(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        double median = values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
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
