package dev.eventcontracts.junit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;

/** The brokers runtime tests run against: the harness broker and RabbitMQ as the oracle. */
public final class Brokers {

    private Brokers() {}

    /** RabbitMQ's URI; aborts the calling test when RabbitMQ is unreachable. */
    public static URI rabbitMq() {
        URI uri = URI.create(System.getProperty("eventcontracts.oracle.uri", "amqp://guest:guest@127.0.0.1:5672"));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5672), 1_000);
        } catch (IOException e) {
            Assumptions.abort("RabbitMQ at " + uri.getHost() + " is unreachable: " + e.getMessage());
        }
        return uri;
    }
}
