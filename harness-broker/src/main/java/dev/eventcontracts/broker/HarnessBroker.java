package dev.eventcontracts.broker;

import dev.eventcontracts.broker.admin.definitions.Definitions;
import dev.eventcontracts.broker.admin.definitions.DefinitionsException;
import dev.eventcontracts.broker.admin.definitions.DefinitionsImport;
import dev.eventcontracts.broker.admin.internal.AdminServer;
import dev.eventcontracts.broker.core.Views;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.core.policies.Policies;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.faults.Faults;
import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.RecoveryReport;
import dev.eventcontracts.broker.store.StoreStatus;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory AMQP 0-9-1 broker that behaves like RabbitMQ, for builds and tests.
 *
 * <pre>{@code
 * try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
 *     ConnectionFactory factory = new ConnectionFactory();
 *     factory.setUri(broker.amqpUri());
 *     ...
 * }
 * }</pre>
 *
 * <p>All connections of one broker share a single event-loop thread that also owns the broker
 * state, so state changes are serialized without locks. Brokers share nothing: any number can run
 * in one JVM.
 *
 * <p>With {@link Builder#tls(Path, String)} the broker also listens for amqps (AMQP over TLS) on a
 * second port ({@link #amqpsUri()}), next to the unchanged plain port, and with {@link
 * Builder#tlsClientCertificates} clients may log in with SASL EXTERNAL by certificate.
 *
 * <p>This class is the facade: its configuration is {@link BrokerConfig} (made by {@link
 * Builder}), its ports are {@link AmqpListeners}, its store {@link BrokerStore}, a restart {@link
 * BrokerRestart}, and work on the broker's thread goes through {@link BrokerThread}
 * (docs/broker.md, Architecture).
 */
public final class HarnessBroker implements AutoCloseable {
    private final BrokerConfig config;
    private final BrokerAccounts accounts;
    private volatile long memoryHighWatermark;
    private EventLoopGroup group;
    private BrokerThread thread;
    private BrokerStore store;
    private AmqpListeners listeners;
    private BrokerRestart restarts;
    private AdminServer admin;
    private Faults faults;
    private volatile VirtualHost vhost;
    private boolean closed;

    private HarnessBroker(BrokerConfig config) {
        this.config = config;
        this.accounts = config.accounts(() -> this.vhost);
        this.memoryHighWatermark = config.memoryHighWatermark();
    }

    /** A builder with the defaults: free port on 127.0.0.1, user guest/guest, heartbeat 60 s. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the AMQP port and starts accepting connections.
     *
     * @return this broker
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalStateException if already started or closed
     */
    public synchronized HarnessBroker start() {
        if (group != null || closed) {
            throw new IllegalStateException("HarnessBroker.start() was already called; build a new broker instead");
        }
        group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("harness-broker", true), NioIoHandler.newFactory());
        thread = new BrokerThread(group.next());
        store = new BrokerStore(config.dataDirectory(), config.logOptions(), thread);
        listeners = new AmqpListeners(
                group,
                config.bindAddress(),
                BrokerConfig.connectionSettings(config, accounts),
                config.listenerLimits(),
                config.tls());
        restarts = new BrokerRestart(thread, listeners, store, new BrokerRestart.Target() {
            @Override
            public VirtualHost vhost() {
                return vhost;
            }

            @Override
            public VirtualHost newVirtualHost(MessageStore s, Policies policies) {
                return HarnessBroker.this.newVirtualHost(s, policies);
            }

            @Override
            public void switchTo(VirtualHost next) {
                vhost = next;
                admin.switchTo(next);
            }
        });
        try {
            Policies policies = new Policies();
            config.initialPolicies().forEach(policies::put);
            VirtualHost v = newVirtualHost(store.open(), policies);
            this.vhost = v;
            if (config.definitionsSource() != null) {
                applyDefinitionsAtStart(v);
            }
            listeners.bind(v, config.amqpPort(), config.amqpsPort());
            faults = new BrokerFaults(thread, () -> this.vhost.admin());
            admin = AdminServer.start(group, config.bindAddress(), config.adminPort(), v, listeners.port(), accounts);
        } catch (UncheckedIOException e) {
            throw abortStart(e);
        } catch (RuntimeException e) {
            abortStart(new UncheckedIOException(new IOException(e.getMessage(), e)));
            throw e;
        }
        return this;
    }

    /**
     * Declares the topology and policies of the definitions file on the broker's thread, before
     * the port is bound (users and permissions were taken by {@link BrokerConfig}).
     *
     * @throws DefinitionsException naming the file, the JSON path and the fix
     */
    private void applyDefinitionsAtStart(VirtualHost v) {
        Definitions d = config.definitions();
        Definitions topology =
                new Definitions(List.of(), List.of(), d.policies(), d.exchanges(), d.queues(), d.bindings());
        thread.run(
                () -> DefinitionsImport.apply(topology, v.admin(), accounts, config.definitionsSource()),
                "load definitions '" + config.definitionsSource() + "'");
    }

    /**
     * Undoes a start that failed part-way: closes the ports bound and the store opened so far, stops
     * the thread and marks the broker closed.
     *
     * @return {@code failure}, for the caller to throw
     */
    private UncheckedIOException abortStart(UncheckedIOException failure) {
        listeners.stopAccepting();
        listeners.reset();
        store.close();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        group = null;
        closed = true;
        return failure;
    }

    private VirtualHost newVirtualHost(MessageStore s, Policies policies) {
        VirtualHost v = new VirtualHost(
                "/", thread.loop(), System::nanoTime, System::currentTimeMillis, s, new Random(), policies);
        accounts.grantAll(v);
        v.memory().highWatermark(memoryHighWatermark);
        v.onRestartRequest(this::restartInBackground);
        return v;
    }

    /**
     * {@code amqp://user:password@host:port} with the credentials of the first user configured
     * with a plain password; without such a user (only hashed or certificate users), {@code
     * amqp://host:port}.
     */
    public URI amqpUri() {
        requireStarted();
        return uri("amqp", listeners.port());
    }

    /**
     * {@code amqps://user:password@host:port} of the TLS port, with the same user as {@link
     * #amqpUri()}. Note that the RabbitMQ Java client's {@code setUri} trusts every server
     * certificate for amqps URIs; call {@code useSslProtocol(SSLContext)} with your truststore to
     * verify it.
     *
     * @throws IllegalStateException if TLS is not configured
     */
    public URI amqpsUri() {
        return uri("amqps", amqpsPort());
    }

    /**
     * The bound amqps (TLS) port.
     *
     * @throws IllegalStateException if TLS is not configured or the broker is not started
     */
    public int amqpsPort() {
        requireStarted();
        if (config.tls() == null) {
            throw new IllegalStateException(
                    "this HarnessBroker has no amqps port; configure TLS with Builder.tls(keyStore, password)");
        }
        return listeners.amqpsPort();
    }

    /** Whether this broker has an amqps (TLS) port, see {@link Builder#tls(Path, String)}. */
    public boolean tlsEnabled() {
        return config.tls() != null;
    }

    private URI uri(String scheme, int boundPort) {
        String user = config.firstUser();
        String userInfo = user == null ? "" : encode(user) + ":" + encode(config.firstPassword()) + "@";
        return URI.create(scheme + "://" + userInfo + host() + ":" + boundPort);
    }

    private String host() {
        String address = config.bindAddress();
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code http://host:port} of the admin HTTP API ({@code /api/overview}, {@code /api/queues},
     * {@code /metrics}, ...; see docs/broker.md).
     */
    public URI adminUri() {
        requireStarted();
        return URI.create("http://" + host() + ":" + admin.port());
    }

    /**
     * The fault rules of this broker (on deliveries: duplicate, lose acks, delay, reorder, close,
     * pause, restart; on publishes: nack, refuse, close the connection).
     */
    public Faults faults() {
        requireStarted();
        return faults;
    }

    /**
     * What start-up recovery found in the data directory (and what it cut off a torn tail), or
     * empty when the broker keeps everything in memory.
     */
    public Optional<RecoveryReport> recoveryReport() {
        requireStarted();
        return store.recoveryReport();
    }

    /**
     * Changes the memory high watermark of the running broker, like {@code rabbitmqctl
     * set_vm_memory_high_watermark absolute}: connections are blocked or unblocked at once if the
     * alarm changes (see {@link Builder#memoryHighWatermark(long)}; 0 turns flow control off).
     *
     * @throws IllegalArgumentException when negative
     */
    public void memoryHighWatermark(long bytes) {
        requireStarted();
        if (bytes < 0) {
            throw new IllegalArgumentException("memoryHighWatermark '" + bytes
                    + "' is negative; use 0 (flow control off) or a number of bytes, e.g. 67108864");
        }
        thread.run(
                () -> {
                    memoryHighWatermark = bytes; // a restarted virtual host keeps it
                    vhost.memory().highWatermark(bytes);
                },
                "apply the memory high watermark");
    }

    /**
     * Size, online compaction and health of the durable log (a write or sync failure shows up
     * here, naming the directory and the fix), or empty when the broker keeps everything in memory.
     */
    public Optional<StoreStatus> storeStatus() {
        requireStarted();
        return store.status();
    }

    /**
     * Adds or replaces a policy of the running broker and applies it at once to existing queues and
     * exchanges, like {@code rabbitmqctl set_policy} (see docs/broker.md, Policies).
     *
     * @return true when the policy is new
     */
    public boolean setPolicy(Policy policy) {
        requireStarted();
        return thread.call(() -> vhost.setPolicy(policy), "set policy '" + policy.name() + "'");
    }

    /** Removes a policy, like {@code rabbitmqctl clear_policy}; false when there is none of that name. */
    public boolean clearPolicy(String name) {
        requireStarted();
        return thread.call(() -> vhost.clearPolicy(name), "clear policy '" + name + "'");
    }

    /** The policies in force, sorted by name. */
    public List<Policy> policies() {
        requireStarted();
        return thread.call(() -> vhost.policies().all(), "list policies");
    }

    /**
     * The publish journal: every client publish with a sequence greater than {@code after}, at most
     * {@code limit}, oldest first, with the publishing connection and (within the journal's body
     * budget) the body. {@code publishJournal(0, 0)} reads nothing; use {@link
     * #publishJournalLastSequence()} to mark a point in time. Contract tests read a consumer's
     * published effects here (docs/contract-tests.md).
     */
    public List<Views.PublishRecord> publishJournal(long after, int limit) {
        requireStarted();
        return thread.call(() -> vhost.admin().journal(after, limit), "read the publish journal");
    }

    /** The sequence of the newest publish journal record (0 before the first publish). */
    public long publishJournalLastSequence() {
        requireStarted();
        return thread.call(() -> vhost.admin().journalLastSequence(), "read the publish journal");
    }

    /** The bound admin HTTP port. */
    public int adminPort() {
        requireStarted();
        return admin.port();
    }

    /** The bound AMQP port. */
    public int port() {
        requireStarted();
        return listeners.port();
    }

    /** The address the AMQP port is bound to. */
    public String bindAddress() {
        return config.bindAddress();
    }

    private void requireStarted() {
        if (listeners == null || listeners.port() < 0) {
            throw new IllegalStateException("HarnessBroker is not started; call start() first");
        }
    }

    /**
     * Restarts the broker with its durable state, as a RabbitMQ node restart does, and returns once
     * it accepts connections again on the same AMQP and admin ports:
     *
     * <ol>
     *   <li>stops accepting AMQP connections and closes every client connection with {@code 320
     *       CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'}; their
     *       unacked messages go back to their queues, exclusive queues and auto-delete queues that
     *       lose their last consumer are deleted;
     *   <li>keeps durable exchanges, durable non-exclusive queues, bindings between durable ends
     *       and the persistent ({@code delivery_mode=2}) messages on durable queues; drops
     *       everything else (transient exchanges and queues, non-persistent messages, fault
     *       rules, consumers, channels);
     *   <li>with a {@linkplain Builder#dataDirectory(Path) data directory} it closes the log,
     *       re-opens it and recovers from disk (see {@link #recoveryReport()}); without one it
     *       carries the same state over in memory;
     *   <li>every recovered message comes back flagged {@code redelivered=true}, with TTLs
     *       counted from the restart;
     *   <li>binds the AMQP port again (same number); clients with automatic recovery reconnect.
     * </ol>
     *
     * <p>The admin API stays on its port and serves the restarted broker; its publish journal
     * continues across the restart. Also triggered by the fault rule {@code RestartBroker} and by
     * {@code POST /api/restart}.
     *
     * @throws IllegalStateException if the broker is not started or already closed
     * @throws UncheckedIOException when the data directory cannot be re-opened or the AMQP port
     *     cannot be bound again; the broker is then closed
     */
    public synchronized void restart() {
        requireStarted();
        if (closed) {
            throw new IllegalStateException("HarnessBroker is closed; it cannot restart");
        }
        restarts.restart(this::close);
    }

    /** How many times this broker restarted ({@link #restart()}, a fault rule or the admin API). */
    public int restarts() {
        return restarts == null ? 0 : restarts.count();
    }

    /** Called on the broker's thread by a fault rule or the admin API: restarts on another thread. */
    private void restartInBackground(String reason) {
        restarts.requestInBackground(reason, () -> {
            synchronized (this) {
                if (!closed) {
                    restart();
                }
            }
        });
    }

    /**
     * Stops accepting connections, closes every client connection with 320 CONNECTION_FORCED
     * (waiting briefly for the clients' close-ok) and releases the thread. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (group == null) {
            return;
        }
        listeners.stopAccepting();
        admin.close();
        AmqpListeners.awaitClosed(
                thread.callWhileClosing(listeners::forceCloseConnections, BrokerThread.CLOSE_WAIT_MILLIS),
                BrokerThread.CLOSE_WAIT_MILLIS);
        store.close();
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }

    /**
     * Configures a {@link HarnessBroker}; the setters (in {@link BrokerOptions}) check each value at
     * once, {@link #build()} checks how they fit together.
     */
    public static final class Builder extends BrokerOptions<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** A broker with this configuration, not yet started. */
        public HarnessBroker build() {
            return new HarnessBroker(BrokerConfig.from(this));
        }
    }
}
