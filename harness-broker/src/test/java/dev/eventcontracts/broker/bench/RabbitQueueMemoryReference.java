package dev.eventcontracts.broker.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The reference for {@link HeapBench}: one million 100-byte messages in one RabbitMQ classic queue,
 * memory as reported by {@code rabbitmqctl list_queues name messages memory}. The queue is deleted
 * afterwards.
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.RabbitQueueMemoryReference}
 */
public final class RabbitQueueMemoryReference {
    private RabbitQueueMemoryReference() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String queue = "ec-heap-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectionFactory f = new ConnectionFactory();
        f.setUri("amqp://guest:guest@127.0.0.1:5672");
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, false, false, false, null);
            try {
                ch.confirmSelect();
                byte[] body = new byte[100];
                for (int i = 0; i < messages; i++) {
                    ch.basicPublish("", queue, null, body);
                    if (i % 10_000 == 9_999) {
                        ch.waitForConfirmsOrDie(60_000);
                    }
                }
                ch.waitForConfirmsOrDie(60_000);
                Process p = new ProcessBuilder("rabbitmqctl", "list_queues", "name", "messages", "memory")
                        .redirectErrorStream(true)
                        .start();
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    r.lines().filter(l -> l.startsWith(queue)).forEach(l -> {
                        String[] cols = l.split("\\s+");
                        long bytes = Long.parseLong(cols[2]);
                        System.out.printf(
                                "rabbitmq queue %s: %s messages, memory %.1f MB (%.0f bytes/message)%n",
                                queue, cols[1], bytes / 1e6, bytes / Double.parseDouble(cols[1]));
                    });
                }
                p.waitFor();
            } finally {
                ch.queueDelete(queue);
            }
        }
    }
}
