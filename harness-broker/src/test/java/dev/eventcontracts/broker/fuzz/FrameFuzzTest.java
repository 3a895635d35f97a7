package dev.eventcontracts.broker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws random and mutated frames at a live harness broker for a bounded time, then proves that
 * a fresh client still works. The seed is in the assertion message, so failures can be replayed.
 */
class FrameFuzzTest {
    private static final long BUDGET_NANOS = 3_000_000_000L;

    @Test
    void randomAndMutatedFrames_leaveTheBrokerServingNewClients() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int sessions = 0;
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            long deadline = System.nanoTime() + BUDGET_NANOS;
            while (System.nanoTime() < deadline) {
                abuse(broker.port(), random);
                sessions++;
            }
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.amqpUri());
            f.setAutomaticRecoveryEnabled(false);
            try (Connection c = f.newConnection()) {
                Channel ch = c.createChannel();
                String q = ch.queueDeclare().getQueue();
                ch.basicPublish("", q, null, "still alive".getBytes(StandardCharsets.UTF_8));
                assertThat(ch.basicGet(q, true))
                        .as("broker works after %d fuzz sessions (seed %d)", sessions, seed)
                        .isNotNull();
            }
        }
        assertThat(sessions).as("fuzz sessions run (seed %d)", seed).isPositive();
    }

    private static void abuse(int port, Random random) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(20);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            try {
                switch (random.nextInt(4)) {
                    case 0 -> out.write(FuzzFrames.randomBytes(random, 1 + random.nextInt(64)));
                    case 1 -> {
                        out.write(ProtocolHeader.amqp091());
                        out.write(FuzzFrames.randomBytes(random, 1 + random.nextInt(256)));
                    }
                    default -> {
                        out.write(FuzzFrames.handshake());
                        for (int i = random.nextInt(6); i >= 0; i--) {
                            out.write(FuzzFrames.mutate(random, FuzzFrames.anyValidFrame(random)));
                        }
                    }
                }
                out.flush();
                drain(in);
            } catch (IOException e) {
                // the broker closed the connection: expected for garbage
            }
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) > 0) {
                // discard the broker's replies
            }
        } catch (IOException e) {
            // timeout or reset: done with this session
        }
    }
}
