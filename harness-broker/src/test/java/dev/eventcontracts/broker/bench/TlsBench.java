package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.security.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * What TLS costs on the harness: connection open (TCP + TLS + AMQP handshake up to {@code
 * open-ok}) on the plain port, on the amqps port with PLAIN and with a client certificate and
 * EXTERNAL, next to a plain open on RabbitMQ (the local RabbitMQ has no TLS); then PerfTest
 * throughput on the plain and the amqps port, with RabbitMQ's plain port as the reference.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.TlsBench <perftest
 * classpath> [seconds] [reps]}
 */
public final class TlsBench {
    private TlsBench() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String perfTestClasspath = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        URI rabbit = URI.create("amqp://guest:guest@127.0.0.1:5672");
        Path dir = Files.createTempDirectory("tls-bench");
        TestPki pki = TestPki.create(dir, "guest");
        List<String> rabbitQueues = new ArrayList<>();
        try (HarnessBroker broker = HarnessBroker.builder()
                .tls(pki.serverKeyStore(), TestPki.PASSWORD)
                .tlsClientCertificates(pki.trustStore(), TestPki.PASSWORD, false)
                .build()
                .start()) {
            ConnectionFactory plain = factory(broker.amqpUri());
            ConnectionFactory tls = tlsFactory(broker, pki.clientContext(null));
            ConnectionFactory external = tlsFactory(broker, pki.clientContext("guest"));
            external.setSaslConfig(DefaultSaslConfig.EXTERNAL);
            ConnectionFactory reference = factory(rabbit);
            ConnectionFactory[] targets = {plain, tls, external, reference};
            String[] names = {"harness amqp", "harness amqps PLAIN", "harness amqps EXTERNAL", "rabbitmq amqp"};
            int warmup = 50;
            int runs = 100;
            double[][] open = new double[targets.length][runs];
            for (int i = -warmup; i < runs; i++) {
                for (int t = 0; t < targets.length; t++) {
                    long t0 = System.nanoTime();
                    try (Connection c = targets[t].newConnection()) {
                        long t1 = System.nanoTime();
                        if (i >= 0) {
                            open[t][i] = (t1 - t0) / 1e6;
                        }
                    }
                }
            }
            for (int t = 0; t < targets.length; t++) {
                Stats s = Stats.of(open[t]);
                System.out.printf(
                        "connection open %s: %s | ratio to harness amqp %.2fx%n",
                        names[t], s.format("ms"), s.median() / Stats.of(open[0]).median());
            }

            URI amqps = broker.amqpsUri();
            List<String> flags = List.of("-q", "200");
            PerfTestBench.perfTest(perfTestClasspath, amqps, seconds, "ec-tls-warmup", flags);
            double[] plainRate = new double[reps];
            double[] tlsRate = new double[reps];
            double[] rabbitRate = new double[reps];
            for (int i = 0; i < reps; i++) {
                String q = "ec-tls-" + UUID.randomUUID().toString().substring(0, 8);
                plainRate[i] = PerfTestBench.perfTest(perfTestClasspath, broker.amqpUri(), seconds, q + "-p", flags)
                        .rate();
                tlsRate[i] = PerfTestBench.perfTest(perfTestClasspath, amqps, seconds, q + "-t", flags)
                        .rate();
                rabbitQueues.add(q);
                rabbitRate[i] = PerfTestBench.perfTest(perfTestClasspath, rabbit, seconds, q, flags)
                        .rate();
            }
            Stats p = Stats.of(plainRate);
            Stats t = Stats.of(tlsRate);
            Stats r = Stats.of(rabbitRate);
            System.out.printf(
                    "PerfTest manual ack prefetch 200: harness amqp %s | harness amqps %s | rabbitmq amqp %s%n",
                    p.format("msg/s"), t.format("msg/s"), r.format("msg/s"));
            System.out.printf(
                    "ratios: amqps/amqp %.2fx, harness amqps / rabbitmq amqp %.2fx%n",
                    t.median() / p.median(), t.median() / r.median());
        } finally {
            try (Connection c = factory(rabbit).newConnection()) {
                var ch = c.createChannel();
                for (String q : rabbitQueues) {
                    ch.queueDelete(q);
                }
            }
        }
    }

    private static ConnectionFactory factory(URI uri) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    private static ConnectionFactory tlsFactory(HarnessBroker broker, SSLContext context) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpsPort());
        f.useSslProtocol(context);
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }
}
