package dev.eventcontracts.broker.conformance;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;

/**
 * A broker a conformance test runs against: the harness broker or the RabbitMQ oracle.
 *
 * @param name {@code harness} or {@code rabbitmq}, shown in test names
 * @param uri the AMQP URI
 * @param oracle whether this is the real RabbitMQ
 */
public record Target(String name, URI uri, boolean oracle) {

    /** A new connection with automatic recovery off (tests assert on closes). */
    public Connection connect() throws Exception {
        ConnectionFactory f = factory();
        return f.newConnection();
    }

    /** A connection factory for this target. */
    public ConnectionFactory factory() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout(5000);
        f.setChannelRpcTimeout(5000);
        return f;
    }

    @Override
    public String toString() {
        return name;
    }
}
