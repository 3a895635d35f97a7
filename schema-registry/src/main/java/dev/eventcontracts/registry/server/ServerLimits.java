package dev.eventcontracts.registry.server;

import java.time.Duration;

/**
 * What one client may take from the registry's HTTP server: request-handling threads (only
 * complete requests reach them, so a slow client never holds one), the largest body, and how long a
 * connection may sit idle, take to send its headers, or take to send a whole request. See
 * docs/registry.md, "Limits and hostile clients".
 *
 * @param threads request-handling threads
 * @param maxBodyBytes larger bodies get 413 {@code LimitExceededException}
 * @param idleTimeout a connection with no request in progress is closed after this long
 * @param headerTimeout a request whose headers are not complete this long after its first byte
 *     gets 408 and the connection is closed
 * @param requestTimeout a request whose body is not complete this long after its first byte gets
 *     408 and the connection is closed
 */
public record ServerLimits(
        int threads, long maxBodyBytes, Duration idleTimeout, Duration headerTimeout, Duration requestTimeout) {

    /** 8 threads, 4 MiB bodies, 60 s idle, 10 s for the headers, 30 s for a whole request. */
    public static final ServerLimits DEFAULTS = new ServerLimits(
            8, 4L * 1024 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public ServerLimits {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but is " + threads + ".");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "maxBodyBytes must be 1 to " + Integer.MAX_VALUE + ", but is " + maxBodyBytes + ".");
        }
        positive("idleTimeout", idleTimeout);
        positive("headerTimeout", headerTimeout);
        positive("requestTimeout", requestTimeout);
        if (headerTimeout.compareTo(requestTimeout) > 0) {
            throw new IllegalArgumentException("headerTimeout (" + headerTimeout + ") must not exceed requestTimeout ("
                    + requestTimeout + "): the headers are part of the request.");
        }
    }

    public ServerLimits withThreads(int value) {
        return new ServerLimits(value, maxBodyBytes, idleTimeout, headerTimeout, requestTimeout);
    }

    public ServerLimits withMaxBodyBytes(long value) {
        return new ServerLimits(threads, value, idleTimeout, headerTimeout, requestTimeout);
    }

    /** The same limits with other timeouts. */
    public ServerLimits withTimeouts(Duration idle, Duration header, Duration request) {
        return new ServerLimits(threads, maxBodyBytes, idle, header, request);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, but is " + value + ".");
        }
    }
}
