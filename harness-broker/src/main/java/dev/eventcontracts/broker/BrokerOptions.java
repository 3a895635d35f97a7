package dev.eventcontracts.broker;

import dev.eventcontracts.broker.admin.definitions.DefinitionsException;
import dev.eventcontracts.broker.amqp.connection.ConnectionSettings;
import dev.eventcontracts.broker.amqp.connection.ListenerLimits;
import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the harness broker's builder: each setter checks its value at once and names the
 * fix, and returns the builder ({@code B}) so calls chain. The broker's immutable configuration is
 * made from the collected options when the builder builds.
 *
 * @param <B> the builder type
 */
abstract class BrokerOptions<B extends BrokerOptions<B>> {
    int port;
    String bindAddress = "127.0.0.1";
    final Map<String, String> users = new LinkedHashMap<>();
    int heartbeatSeconds = 60;
    int adminPort;
    int frameMax = ConnectionSettings.DEFAULT_FRAME_MAX;
    int channelMax = ConnectionSettings.DEFAULT_CHANNEL_MAX;
    int maxConnections;
    ListenerLimits listenerLimits = ListenerLimits.DEFAULTS;
    final Map<String, List<String>> permissions = new LinkedHashMap<>();
    Path dataDirectory;
    long memoryHighWatermark;
    final Map<String, String> hashedUsers = new LinkedHashMap<>();
    Path keyStore;
    String keyStorePassword;
    Path trustStore;
    String trustStorePassword;
    boolean requireClientCertificate;
    int amqpsPort;
    boolean amqpsPortSet;
    LogOptions logOptions = LogOptions.DEFAULTS;
    final Map<String, Policy> policies = new LinkedHashMap<>();
    Path definitionsFile;

    BrokerOptions() {}

    /** The builder itself, returned by every setter so calls chain. */
    abstract B self();

    /**
     * Puts a policy in force from the start, as {@code rabbitmqctl set_policy} would (see
     * docs/broker.md, Policies), e.g. {@code policy(new Policy("dlx", "^orders\\.",
     * ApplyTo.QUEUES, 0, Map.of("dead-letter-exchange", "dlx")))}. A policy of the same name
     * replaces the earlier one.
     */
    public B policy(Policy policy) {
        if (policy == null) {
            throw new IllegalArgumentException(
                    "policy must not be null; e.g. Policy.of(\"dlx\", \"^orders\\\\.\", Map.of(\"dead-letter-exchange\", \"dlx\"))");
        }
        policies.put(policy.name(), policy);
        return self();
    }

    /**
     * Loads RabbitMQ definitions (the JSON of {@code rabbitmqctl export_definitions} or {@code
     * GET /api/definitions}) at start: users and permissions, policies, exchanges, queues and
     * bindings of vhost {@code /} (see docs/broker.md, Definitions). {@link #build()} reads
     * and checks the file and {@code start()} declares the topology, each throwing {@link
     * DefinitionsException} (an {@code IllegalArgumentException}) that names the file, the JSON
     * path and the fix. Users from the file are added to the configured ones (guest stays).
     */
    public B definitions(Path file) {
        if (file == null) {
            throw new IllegalArgumentException(
                    "definitions must be a file path, e.g. Path.of(\"src/test/resources/definitions.json\")");
        }
        this.definitionsFile = file;
        return self();
    }

    /**
     * Adds an amqps port: AMQP over TLS (JDK provider) with the server key and certificate
     * chain in {@code keyStore}, a PKCS12 or JKS file whose key has the store's password. The
     * plain port stays as it is; the amqps port is chosen by {@link #amqpsPort(int)}. The
     * stores are read by {@link #build()}, which names the file and the fix when they cannot
     * be used.
     */
    public B tls(Path keyStore, String keyStorePassword) {
        if (keyStore == null || keyStorePassword == null) {
            throw new IllegalArgumentException(
                    "tls needs a keystore path and its password, e.g. tls(Path.of(\"server.p12\"), \"secret\")");
        }
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        return self();
    }

    /**
     * Asks amqps clients for a certificate signed by a CA in {@code trustStore} (PKCS12 or
     * JKS). A client with a verified certificate may log in with SASL EXTERNAL as the user
     * named by the certificate subject's CN. With {@code required}, a client without a
     * certificate fails the TLS handshake; otherwise it may still log in with a password.
     * Needs {@link #tls(Path, String)}.
     */
    public B tlsClientCertificates(Path trustStore, String trustStorePassword, boolean required) {
        if (trustStore == null || trustStorePassword == null) {
            throw new IllegalArgumentException("tlsClientCertificates needs a truststore path and its password"
                    + " (empty if it has none), e.g. tlsClientCertificates(Path.of(\"ca.p12\"), \"secret\", true)");
        }
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
        this.requireClientCertificate = required;
        return self();
    }

    /** The amqps port (with {@link #tls(Path, String)}); 0 (default) picks a free one; RabbitMQ uses 5671. */
    public B amqpsPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "amqpsPort '" + port + "' is out of range; use 0..65535 (0 = free port)");
        }
        this.amqpsPort = port;
        this.amqpsPortSet = true;
        return self();
    }

    /**
     * Adds a user by the hash of its password, as {@link PasswordHash#hash(String)} makes it
     * (base64 of salt and SHA-256), so no plain password needs to be configured.
     */
    public B userWithPasswordHash(String name, String passwordHash) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("userWithPasswordHash needs a non-empty name");
        }
        if (passwordHash == null || !PasswordHash.isWellFormed(passwordHash)) {
            throw new IllegalArgumentException("password hash of user '" + name + "' is not a PasswordHash value"
                    + " (base64 of a 4-byte salt and a SHA-256 digest, 48 characters); make one with"
                    + " 'java -jar event-contracts-harness-broker-standalone.jar --hash-password'");
        }
        users.remove(name);
        hashedUsers.put(name, passwordHash);
        return self();
    }

    /**
     * Adds a user who has no password: it can log in only with SASL EXTERNAL, by a client
     * certificate whose CN is {@code name} (see {@link #tlsClientCertificates}).
     */
    public B userWithoutPassword(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("userWithoutPassword needs a non-empty name");
        }
        users.remove(name);
        hashedUsers.put(name, ""); // matches no password
        return self();
    }

    /** The admin HTTP port, bound on {@link #bindAddress(String)}; 0 (default) picks a free one. */
    public B adminPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "adminPort '" + port + "' is out of range; use 0..65535 (0 = free port)");
        }
        this.adminPort = port;
        return self();
    }

    /** The AMQP port; 0 (default) picks a free one. */
    public B amqpPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("amqpPort '" + port + "' is out of range; use 0..65535 (0 = free port)");
        }
        this.port = port;
        return self();
    }

    /** The address to bind; default {@code 127.0.0.1} (loopback only, like RabbitMQ's guest user). */
    public B bindAddress(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("bindAddress must be a host name or IP address, e.g. '127.0.0.1'");
        }
        this.bindAddress = host;
        return self();
    }

    /** Adds a user; without any, guest/guest is accepted. The first user appears in {@code amqpUri()}. */
    public B user(String name, String password) {
        if (name == null || name.isEmpty() || password == null) {
            throw new IllegalArgumentException("user needs a non-empty name and a password, got name '" + name + "'");
        }
        hashedUsers.remove(name);
        users.put(name, password);
        return self();
    }

    /** Heartbeat interval the server suggests, in seconds; 0 disables; default 60. */
    public B heartbeatSeconds(int s) {
        if (s < 0 || s > 65535) {
            throw new IllegalArgumentException("heartbeatSeconds '" + s + "' is out of range; use 0..65535");
        }
        this.heartbeatSeconds = s;
        return self();
    }

    /**
     * Keeps durable exchanges, queues, bindings and persistent messages on durable queues in
     * {@code dir}, so they survive a restart or a crash; default: memory only.
     */
    public B dataDirectory(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException(
                    "dataDirectory must be a directory path, e.g. Path.of(\"target/broker-data\")");
        }
        this.dataDirectory = dir;
        return self();
    }

    /**
     * Segment size and write hook of the durable log (with {@link #dataDirectory}); tests use a
     * small segment size to exercise compaction and a throwing hook to simulate a full disk.
     */
    public B logOptions(LogOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("logOptions must not be null; use LogOptions.DEFAULTS");
        }
        this.logOptions = options;
        return self();
    }

    /** Largest frame the broker accepts, negotiated in {@code connection.tune}; default 131072 (128 KiB). */
    public B frameMax(int bytes) {
        if (bytes < 4096) {
            throw new IllegalArgumentException(
                    "frameMax '" + bytes + "' is below AMQP's minimum frame size; use at least 4096");
        }
        this.frameMax = bytes;
        return self();
    }

    /** Highest channel number a connection may open; default 2047, as RabbitMQ. */
    public B channelMax(int channels) {
        if (channels < 1 || channels > 65535) {
            throw new IllegalArgumentException("channelMax '" + channels + "' is out of range; use 1..65535");
        }
        this.channelMax = channels;
        return self();
    }

    /**
     * Most client connections open at once; a further {@code connection.open} is refused with
     * {@code 530 NOT_ALLOWED}. Default 0 = no limit.
     */
    public B maxConnections(int connections) {
        if (connections < 0) {
            throw new IllegalArgumentException("maxConnections '" + connections + "' must be 0 (no limit) or positive");
        }
        this.maxConnections = connections;
        return self();
    }

    /**
     * How long a socket may take from being accepted to {@code connection.open}; past it the
     * socket is closed, as RabbitMQ's {@code handshake_timeout}. Default 10 s.
     */
    public B handshakeTimeout(Duration timeout) {
        this.listenerLimits = new ListenerLimits(timeout, listenerLimits.maxSockets());
        return self();
    }

    /**
     * Most sockets open at once on each AMQP listener, handshakes included; a further socket is
     * closed as soon as it is accepted, so idle sockets cannot exhaust file descriptors. Default
     * 0 = no limit. {@link #maxConnections(int)} limits opened connections instead.
     */
    public B maxSockets(int sockets) {
        this.listenerLimits = new ListenerLimits(listenerLimits.handshakeTimeout(), sockets);
        return self();
    }

    /**
     * RabbitMQ-style permissions of a configured user in vhost {@code /}: regexes the names of
     * exchanges and queues must match to configure (declare, delete), write (publish, bind a
     * queue) and read (consume, get, purge, bind from an exchange); the default exchange is
     * {@code amq.default}. Refusals are {@code 403 ACCESS_REFUSED}. Default for every user:
     * {@code ".*"} for all three.
     */
    public B permissions(String user, String configure, String write, String read) {
        for (String regex : new String[] {configure, write, read}) {
            try {
                java.util.regex.Pattern.compile(regex);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "permission regex '" + regex + "' for user '" + user + "' is invalid: " + e.getMessage());
            }
        }
        permissions.put(user, List.of(configure, write, read));
        return self();
    }

    /**
     * Memory-alarm flow control, as RabbitMQ's {@code vm_memory_high_watermark.absolute}, but
     * measuring only the bytes of message bodies and content headers the queues hold (ready
     * and unacknowledged; a message in three queues counts three times) so tests are
     * deterministic. Above {@code bytes} the alarm goes on: connections that publish get
     * {@code connection.blocked} ("low on memory") and are no longer read until consumers bring
     * the total back to {@code bytes} or below, then {@code connection.unblocked}.
     * Consume-only connections keep working. Default 0 = off.
     */
    public B memoryHighWatermark(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memoryHighWatermark '" + bytes
                    + "' is negative; use 0 (flow control off, the default) or a number of bytes, e.g. 67108864");
        }
        this.memoryHighWatermark = bytes;
        return self();
    }
}
