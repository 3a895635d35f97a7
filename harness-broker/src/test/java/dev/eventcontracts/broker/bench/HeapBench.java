package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap the harness broker uses for one million 100-byte messages in one queue: used heap after a
 * full GC with the messages queued, minus used heap before publishing. Run the client in a
 * separate JVM for a clean number; here the client is small and idle when measuring.
 *
 * <p>Run: {@code java -Xmx1g -cp <test classpath> dev.eventcontracts.broker.bench.HeapBench}
 */
public final class HeapBench {
    private HeapBench() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.amqpUri());
            try (Connection c = f.newConnection()) {
                Channel ch = c.createChannel();
                ch.queueDeclare("heap", false, false, false, null);
                long before = usedAfterGc(memory);
                ch.confirmSelect();
                byte[] body = new byte[100];
                for (int i = 0; i < messages; i++) {
                    ch.basicPublish("", "heap", null, body);
                    if (i % 10_000 == 9_999) {
                        ch.waitForConfirmsOrDie(60_000);
                    }
                }
                ch.waitForConfirmsOrDie(60_000);
                int queued = ch.queueDeclarePassive("heap").getMessageCount();
                long after = usedAfterGc(memory);
                System.out.printf(
                        "queued %d messages of 100 bytes: heap delta %.1f MB (%.0f bytes/message)%n",
                        queued, (after - before) / 1e6, (after - before) / (double) queued);
            }
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
