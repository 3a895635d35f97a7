package dev.eventcontracts.broker.security;

import com.rabbitmq.client.ConnectionFactory;

/** Client factories the security tests share: no automatic recovery, so a refusal stays visible. */
public final class Clients {

    private Clients() {}

    /** A plain AMQP factory for {@code user}/{@code password} at {@code host:port}. */
    public static ConnectionFactory plain(String host, int port, String user, String password) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername(user);
        f.setPassword(password);
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(5000);
        return f;
    }
}
