package dev.eventcontracts.broker.amqp.connection;

import java.util.Map;

/**
 * What a connection negotiates and accepts.
 *
 * @param users user name to password
 * @param heartbeatSeconds heartbeat the server suggests in {@code connection.tune}
 * @param frameMax largest frame the server accepts
 * @param channelMax highest channel number the server accepts
 * @param closeTimeoutMillis how long to wait for {@code close-ok} before dropping the socket
 */
public record ConnectionSettings(
        Map<String, String> users, int heartbeatSeconds, int frameMax, int channelMax, long closeTimeoutMillis) {

    /** Settings with RabbitMQ's defaults for frame-max (128 KiB) and channel-max (2047). */
    public static ConnectionSettings defaults(Map<String, String> users, int heartbeatSeconds) {
        return new ConnectionSettings(Map.copyOf(users), heartbeatSeconds, 131072, 2047, 3000);
    }
}
