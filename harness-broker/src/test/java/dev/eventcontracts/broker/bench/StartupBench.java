package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import java.net.URI;

/**
 * Time from {@code HarnessBroker.start()} to the first {@code connection.open-ok} in a warm JVM,
 * next to the time the same client needs to open a connection to the already-running RabbitMQ
 * (the part of the harness number that is handshake, not start-up).
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.StartupBench [oracle-uri]}
 */
public final class StartupBench {
    private StartupBench() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        URI oracle = URI.create(args.length > 0 ? args[0] : "amqp://guest:guest@127.0.0.1:5672");
        int warmup = 30;
        int runs = 30;
        double[] harness = new double[runs];
        double[] rabbit = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            long t0 = System.nanoTime();
            try (HarnessBroker broker = HarnessBroker.builder().build().start();
                    Connection c = factory(broker.amqpUri()).newConnection()) {
                long t1 = System.nanoTime();
                if (i >= 0) {
                    harness[i] = (t1 - t0) / 1e6;
                }
            }
            long r0 = System.nanoTime();
            try (Connection c = factory(oracle).newConnection()) {
                long r1 = System.nanoTime();
                if (i >= 0) {
                    rabbit[i] = (r1 - r0) / 1e6;
                }
            }
        }
        System.out.println("harness start()+first open-ok: " + Stats.of(harness).format("ms"));
        System.out.println(
                "rabbitmq open-ok (running broker): " + Stats.of(rabbit).format("ms"));
    }

    private static ConnectionFactory factory(URI uri) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }
}
