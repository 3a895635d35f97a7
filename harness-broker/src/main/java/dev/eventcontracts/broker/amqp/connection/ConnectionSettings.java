package dev.eventcontracts.broker.amqp.connection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a connection negotiates and accepts.
 *
 * @param passwordHashes user name to {@link PasswordHash} of the password; an empty hash matches
 *     no password (the user logs in only with EXTERNAL, by client certificate)
 * @param loopbackUsers users who may only connect from a loopback address (RabbitMQ's
 *     {@code loopback_users}, by default {@code guest})
 * @param heartbeatSeconds heartbeat the server suggests in {@code connection.tune}
 * @param frameMax largest frame the server accepts
 * @param channelMax highest channel number the server accepts
 * @param maxConnections most client connections open at once; 0 = no limit
 * @param closeTimeoutMillis how long to wait for {@code close-ok} before dropping the socket
 */
public record ConnectionSettings(
        Map<String, String> passwordHashes,
        Set<String> loopbackUsers,
        int heartbeatSeconds,
        int frameMax,
        int channelMax,
        int maxConnections,
        long closeTimeoutMillis) {

    /** RabbitMQ's default frame-max, 128 KiB. */
    public static final int DEFAULT_FRAME_MAX = 131072;

    /** RabbitMQ's default channel-max. */
    public static final int DEFAULT_CHANNEL_MAX = 2047;

    /** Settings with RabbitMQ's defaults; {@code users} maps names to plain passwords, hashed here. */
    public static ConnectionSettings defaults(Map<String, String> users, int heartbeatSeconds) {
        Map<String, String> hashes = new LinkedHashMap<>();
        users.forEach((u, p) -> hashes.put(u, PasswordHash.hash(p)));
        return new ConnectionSettings(
                Map.copyOf(hashes), Set.of("guest"), heartbeatSeconds, DEFAULT_FRAME_MAX, DEFAULT_CHANNEL_MAX, 0, 3000);
    }
}
