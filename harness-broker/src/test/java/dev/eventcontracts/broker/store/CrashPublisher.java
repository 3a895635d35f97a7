package dev.eventcontracts.broker.store;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The publisher process of {@link CrashRecoveryTest}: for each line {@code run <port> <first id>}
 * on stdin it connects, publishes persistent messages {@code m-<id>} with confirms to queue
 * {@code crash} until the broker dies under it, and reports on stdout {@code confirmed <id>} for
 * each confirm, {@code nacked <id>} for each nack and {@code stopped <next id>} when the
 * connection is gone.
 */
public final class CrashPublisher {
    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    private CrashPublisher() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split(" ");
            int next = publishUntilGone(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), out);
            synchronized (out) {
                out.println("stopped " + next);
                out.flush();
            }
        }
    }

    private static int publishUntilGone(int port, int first, PrintStream out) {
        int next = first;
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(port);
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ConcurrentNavigableMap<Long, String> outstanding = new ConcurrentSkipListMap<>();
            ch.addConfirmListener(
                    (seq, multiple) -> report(outstanding, seq, multiple, "confirmed ", out),
                    (seq, multiple) -> report(outstanding, seq, multiple, "nacked ", out));
            while (true) {
                String id = "m-" + next;
                outstanding.put(ch.getNextPublishSeqNo(), id);
                ch.basicPublish("", "crash", PERSISTENT, id.getBytes(StandardCharsets.UTF_8));
                next++;
                if (outstanding.size() > 500) {
                    ch.waitForConfirms(1000);
                }
            }
        } catch (Exception e) {
            return next; // the broker was killed under us
        }
    }

    private static void report(
            ConcurrentNavigableMap<Long, String> outstanding,
            long seq,
            boolean multiple,
            String what,
            PrintStream out) {
        ConcurrentNavigableMap<Long, String> done =
                multiple ? outstanding.headMap(seq, true) : outstanding.subMap(seq, true, seq, true);
        synchronized (out) {
            done.values().forEach(id -> out.println(what + id));
            out.flush();
        }
        done.clear();
    }
}
