package dev.eventcontracts.registry.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a remote Apicurio Registry.
 *
 * @param url the registry's base URL, e.g. {@code https://registry.example.com} or {@code
 *     …/apis/registry/v2} (the API path is added when missing)
 * @param groupId the Apicurio group the subjects live in
 * @param username basic-auth user, or {@code null}
 * @param password basic-auth password, or {@code null}
 * @param bearerToken a bearer token, or {@code null}; exclusive with basic auth
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for each response
 * @param maxRetries how many times an idempotent read is retried after a 5xx or a timeout
 * @param retryBackoff the wait before the first retry; doubled for each further retry
 */
public record RemoteRegistryConfig(
        URI url,
        String groupId,
        String username,
        String password,
        String bearerToken,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff) {

    /** Validates at once and names the conflict. */
    public RemoteRegistryConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("Registry URL '" + url + "' must start with http:// or https://.");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be empty; Apicurio's default group is 'default'.");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("Basic auth needs both a username and a password; only one is set.");
        }
        if (username != null && bearerToken != null) {
            throw new IllegalArgumentException(
                    "Set either basic auth (username/password) or a bearer token, not both.");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(retryBackoff, "retryBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, but is " + maxRetries + ".");
        }
    }

    /** Defaults: group {@code default}, no auth, 10 s connect, 30 s per request, 3 retries from 200 ms. */
    public static RemoteRegistryConfig of(URI url) {
        return new RemoteRegistryConfig(
                url,
                "default",
                null,
                null,
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                3,
                Duration.ofMillis(200));
    }

    public RemoteRegistryConfig withGroupId(String group) {
        return new RemoteRegistryConfig(
                url, group, username, password, bearerToken, connectTimeout, requestTimeout, maxRetries, retryBackoff);
    }

    public RemoteRegistryConfig withBasicAuth(String user, String secret) {
        return new RemoteRegistryConfig(
                url, groupId, user, secret, null, connectTimeout, requestTimeout, maxRetries, retryBackoff);
    }

    public RemoteRegistryConfig withBearerToken(String token) {
        return new RemoteRegistryConfig(
                url, groupId, null, null, token, connectTimeout, requestTimeout, maxRetries, retryBackoff);
    }

    public RemoteRegistryConfig withTimeouts(Duration connect, Duration request) {
        return new RemoteRegistryConfig(
                url, groupId, username, password, bearerToken, connect, request, maxRetries, retryBackoff);
    }

    public RemoteRegistryConfig withRetries(int retries, Duration backoff) {
        return new RemoteRegistryConfig(
                url, groupId, username, password, bearerToken, connectTimeout, requestTimeout, retries, backoff);
    }

    /** The REST v2 base, ending in {@code /apis/registry/v2/}. */
    URI apiBase() {
        String text = url.toString();
        if (!text.endsWith("/")) {
            text += "/";
        }
        if (!text.endsWith("apis/registry/v2/")) {
            text += "apis/registry/v2/";
        }
        return URI.create(text);
    }

    @Override
    public String toString() {
        return "RemoteRegistryConfig[url=" + url + ", groupId=" + groupId + ", auth="
                + (username != null ? "basic(" + username + ")" : bearerToken != null ? "bearer" : "none")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxRetries="
                + maxRetries
                + ", retryBackoff=" + retryBackoff + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but is " + duration + ".");
        }
    }
}
