package dev.eventcontracts.broker;

import dev.eventcontracts.broker.admin.definitions.Accounts;
import dev.eventcontracts.broker.admin.definitions.Definitions;
import dev.eventcontracts.broker.admin.definitions.DefinitionsException;
import dev.eventcontracts.broker.admin.definitions.DefinitionsImport;
import dev.eventcontracts.broker.admin.definitions.DefinitionsReader;
import dev.eventcontracts.broker.admin.internal.AdminServer;
import dev.eventcontracts.broker.amqp.connection.AmqpChannelInitializer;
import dev.eventcontracts.broker.amqp.connection.AmqpConnectionHandler;
import dev.eventcontracts.broker.amqp.connection.ConnectionSettings;
import dev.eventcontracts.broker.amqp.connection.ListenerLimits;
import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import dev.eventcontracts.broker.amqp.connection.ServerTls;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.core.policies.Policies;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.faults.Faults;
import dev.eventcontracts.broker.store.InMemoryMessageStore;
import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.RecoveryReport;
import dev.eventcontracts.broker.store.RestartedMemoryStore;
import dev.eventcontracts.broker.store.StoreStatus;
import dev.eventcontracts.broker.store.log.LogMessageStore;
import dev.eventcontracts.broker.store.log.LogOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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
 */
public final class HarnessBroker implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final int requestedPort;
    private final String bindAddress;
    private final BrokerAccounts accounts;
    private final String firstUser;
    private final String firstPassword;
    private final int frameMax;
    private final int channelMax;
    private final int maxConnections;
    private final ListenerLimits listenerLimits;
    private final List<Policy> initialPolicies;
    private final Definitions definitions;
    private final String definitionsSource;
    private final int heartbeatSeconds;
    private final int requestedAdminPort;
    private final Path dataDirectory;
    private volatile long memoryHighWatermark;
    private final ServerTls tls;
    private final int requestedAmqpsPort;
    private Channel tlsServerChannel;
    private int amqpsPort = -1;
    private final LogOptions logOptions;
    private LogMessageStore durableStore;
    private AdminServer admin;
    private Faults faults;
    private final Set<AmqpConnectionHandler> openConnections = new HashSet<>();
    private EventLoopGroup group;
    private EventLoop loop;
    private ConnectionSettings settings;
    private volatile VirtualHost vhost;
    private final AtomicBoolean restartPending = new AtomicBoolean();
    private volatile int restarts;
    private Channel serverChannel;
    private int port = -1;
    private boolean closed;

    private HarnessBroker(Builder b) {
        this.requestedPort = b.port;
        this.bindAddress = b.bindAddress;
        Map<String, String> u = new LinkedHashMap<>(b.users);
        if (u.isEmpty() && b.hashedUsers.isEmpty()) {
            u.put("guest", "guest");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        u.forEach((name, password) -> hashes.put(name, PasswordHash.hash(password)));
        hashes.putAll(b.hashedUsers);
        Definitions defs = b.definitionsFile == null ? Definitions.EMPTY : DefinitionsReader.read(b.definitionsFile);
        for (Accounts.User user : defs.users()) {
            if (!u.containsKey(user.name())) { // a plain password given to the builder wins (it is in amqpUri())
                hashes.put(user.name(), user.passwordHash());
            }
        }
        this.firstUser = u.isEmpty() ? null : u.keySet().iterator().next();
        this.firstPassword = firstUser == null ? null : u.get(firstUser);
        this.frameMax = b.frameMax;
        this.channelMax = b.channelMax;
        this.maxConnections = b.maxConnections;
        this.listenerLimits = b.listenerLimits;
        Map<String, List<String>> grants = new LinkedHashMap<>();
        hashes.keySet().forEach(name -> grants.put(name, List.of(".*", ".*", ".*")));
        b.permissions.forEach((name, p) -> {
            if (!hashes.containsKey(name)) {
                throw new IllegalArgumentException("permissions for user '" + name
                        + "' but no such user is configured; add it with user(name, password) first");
            }
            grants.put(name, p);
        });
        for (Accounts.Permission p : defs.permissions()) {
            if (!hashes.containsKey(p.user())) {
                throw new DefinitionsException(
                        b.definitionsFile.toString(),
                        "permissions",
                        "permissions for user '" + p.user() + "' but no such user; add it to \"users\"");
            }
            if (!b.permissions.containsKey(p.user())) {
                grants.put(p.user(), List.of(p.configure(), p.write(), p.read()));
            }
        }
        this.accounts = new BrokerAccounts(hashes, grants, () -> this.vhost);
        defs.users().forEach(user -> accounts.tag(user.name(), user.tags()));
        this.initialPolicies = List.copyOf(b.policies.values());
        this.definitions = defs;
        this.definitionsSource = b.definitionsFile == null ? null : b.definitionsFile.toString();
        this.heartbeatSeconds = b.heartbeatSeconds;
        this.requestedAdminPort = b.adminPort;
        this.dataDirectory = b.dataDirectory;
        this.memoryHighWatermark = b.memoryHighWatermark;
        if (b.keyStore == null && (b.trustStore != null || b.amqpsPortSet)) {
            throw new IllegalArgumentException((b.trustStore != null
                            ? "tlsClientCertificates(...) (--tls-truststore)"
                            : "amqpsPort (--amqps-port)")
                    + " needs TLS: also call tls(keyStore, password) (--tls-keystore FILE)");
        }
        if (b.keyStore != null && b.port != 0 && b.port == b.amqpsPort) {
            throw new IllegalArgumentException("amqpPort and amqpsPort are both '" + b.port
                    + "'; TLS listens on its own port next to the plain one, e.g. 5672 and 5671");
        }
        this.tls = b.keyStore == null
                ? null
                : ServerTls.load(
                        b.keyStore, b.keyStorePassword, b.trustStore, b.trustStorePassword, b.requireClientCertificate);
        this.requestedAmqpsPort = b.amqpsPort;
        this.logOptions = b.logOptions;
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
        loop = group.next();
        MessageStore store;
        if (dataDirectory != null) {
            try {
                durableStore = LogMessageStore.open(dataDirectory, loop, logOptions);
            } catch (UncheckedIOException e) {
                throw abortStart(e);
            }
            store = durableStore;
        } else {
            store = new InMemoryMessageStore();
        }
        Policies policies = new Policies();
        initialPolicies.forEach(policies::put);
        VirtualHost vhost = newVirtualHost(store, policies);
        this.vhost = vhost;
        if (definitionsSource != null) {
            applyDefinitionsAtStart(vhost);
        }
        settings = new ConnectionSettings(
                accounts.passwordHashes(),
                Set.of("guest"),
                heartbeatSeconds,
                frameMax,
                channelMax,
                maxConnections,
                3000);
        ChannelFuture bind = bindAmqp(vhost, requestedPort);
        if (!bind.isSuccess()) {
            throw abortStart(bindFailure("AMQP", requestedPort, bind.cause()));
        }
        serverChannel = bind.channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        if (tls != null) {
            ChannelFuture tlsBind = bindAmqps(vhost, requestedAmqpsPort);
            if (!tlsBind.isSuccess()) {
                throw abortStart(bindFailure("amqps", requestedAmqpsPort, tlsBind.cause()));
            }
            tlsServerChannel = tlsBind.channel();
            amqpsPort = ((InetSocketAddress) tlsServerChannel.localAddress()).getPort();
        }
        faults = new BrokerFaults(loop, () -> this.vhost.admin());
        try {
            admin = AdminServer.start(group, bindAddress, requestedAdminPort, vhost, port, accounts);
        } catch (UncheckedIOException e) {
            throw abortStart(e);
        }
        return this;
    }

    /**
     * Declares the topology and policies of the definitions file on the broker's thread, before
     * the port is bound (users and permissions were taken by the constructor).
     *
     * @throws DefinitionsException naming the file, the JSON path and the fix; the start is undone
     */
    private void applyDefinitionsAtStart(VirtualHost v) {
        Definitions topology = new Definitions(
                List.of(),
                List.of(),
                definitions.policies(),
                definitions.exchanges(),
                definitions.queues(),
                definitions.bindings());
        try {
            loop.submit(() -> DefinitionsImport.apply(topology, v.admin(), accounts, definitionsSource))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abortStart(new UncheckedIOException(new IOException("interrupted while loading definitions", e)));
        } catch (ExecutionException e) {
            UncheckedIOException failure =
                    new UncheckedIOException(new IOException(e.getCause().getMessage(), e));
            abortStart(failure);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw failure;
        } catch (TimeoutException e) {
            throw abortStart(new UncheckedIOException(
                    new IOException("loading definitions '" + definitionsSource + "' took over 10 s", e)));
        }
    }

    private UncheckedIOException bindFailure(String what, int requested, Throwable cause) {
        return new UncheckedIOException(new IOException(
                "Harness broker cannot bind " + what + " port '" + bindAddress + ":" + requested + "': "
                        + cause.getMessage()
                        + ". Choose a free port, or port 0 to let the system pick one.",
                cause));
    }

    /**
     * Undoes a start that failed part-way: closes the ports bound and the store opened so far, stops
     * the thread and marks the broker closed.
     *
     * @return {@code failure}, for the caller to throw
     */
    private UncheckedIOException abortStart(UncheckedIOException failure) {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        if (tlsServerChannel != null) {
            tlsServerChannel.close().awaitUninterruptibly();
        }
        closeStore();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        group = null;
        closed = true;
        port = -1;
        return failure;
    }

    private VirtualHost newVirtualHost(MessageStore store, Policies policies) {
        VirtualHost v =
                new VirtualHost("/", loop, System::nanoTime, System::currentTimeMillis, store, new Random(), policies);
        accounts.grantAll(v);
        v.memory().highWatermark(memoryHighWatermark);
        v.onRestartRequest(this::restartInBackground);
        return v;
    }

    private ChannelFuture bindAmqp(VirtualHost v, int amqpPort) {
        return bootstrap(new AmqpChannelInitializer(settings, v, openConnections, listenerLimits))
                .bind(bindAddress, amqpPort)
                .awaitUninterruptibly();
    }

    private ChannelFuture bindAmqps(VirtualHost v, int tlsPort) {
        return bootstrap(new AmqpChannelInitializer(settings, v, openConnections, tls, listenerLimits))
                .bind(bindAddress, tlsPort)
                .awaitUninterruptibly();
    }

    private ServerBootstrap bootstrap(AmqpChannelInitializer initializer) {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                .childHandler(initializer);
    }

    /**
     * {@code amqp://user:password@host:port} with the credentials of the first user configured
     * with a plain password; without such a user (only hashed or certificate users), {@code
     * amqp://host:port}.
     */
    public URI amqpUri() {
        requireStarted();
        return uri("amqp", port);
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
        if (tls == null) {
            throw new IllegalStateException(
                    "this HarnessBroker has no amqps port; configure TLS with Builder.tls(keyStore, password)");
        }
        return amqpsPort;
    }

    /** Whether this broker has an amqps (TLS) port, see {@link Builder#tls(Path, String)}. */
    public boolean tlsEnabled() {
        return tls != null;
    }

    private URI uri(String scheme, int boundPort) {
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        String userInfo = firstUser == null ? "" : encode(firstUser) + ":" + encode(firstPassword) + "@";
        return URI.create(scheme + "://" + userInfo + host + ":" + boundPort);
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
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return URI.create("http://" + host + ":" + admin.port());
    }

    /** The fault rules of this broker (duplicate, lose acks, delay, reorder, close, pause, restart). */
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
        return Optional.ofNullable(durableStore).map(LogMessageStore::report);
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
        try {
            loop.submit(() -> {
                        memoryHighWatermark = bytes; // a restarted virtual host keeps it
                        vhost.memory().highWatermark(bytes);
                    })
                    .get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the memory high watermark", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker thread did not apply the memory high watermark: " + e, e);
        }
    }

    /**
     * Size, online compaction and health of the durable log (a write or sync failure shows up
     * here, naming the directory and the fix), or empty when the broker keeps everything in memory.
     */
    public Optional<StoreStatus> storeStatus() {
        requireStarted();
        if (durableStore == null) {
            return Optional.empty();
        }
        if (loop.inEventLoop()) {
            return Optional.of(durableStore.status());
        }
        try {
            return Optional.of(loop.submit(durableStore::status).get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the store status", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the store status: " + e, e);
        }
    }

    /**
     * Adds or replaces a policy of the running broker and applies it at once to existing queues and
     * exchanges, like {@code rabbitmqctl set_policy} (see docs/broker.md, Policies).
     *
     * @return true when the policy is new
     */
    public boolean setPolicy(Policy policy) {
        requireStarted();
        return onBrokerThread(() -> vhost.setPolicy(policy), "set policy '" + policy.name() + "'");
    }

    /** Removes a policy, like {@code rabbitmqctl clear_policy}; false when there is none of that name. */
    public boolean clearPolicy(String name) {
        requireStarted();
        return onBrokerThread(() -> vhost.clearPolicy(name), "clear policy '" + name + "'");
    }

    /** The policies in force, sorted by name. */
    public List<Policy> policies() {
        requireStarted();
        return onBrokerThread(() -> vhost.policies().all(), "list policies");
    }

    private <T> T onBrokerThread(Callable<T> task, String what) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        try {
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker tried to " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker's thread did not " + what + " within 10 s", e);
        }
    }

    /**
     * The publish journal: every client publish with a sequence greater than {@code after}, at most
     * {@code limit}, oldest first, with the publishing connection and (within the journal's body
     * budget) the body. {@code publishJournal(0, 0)} reads nothing; use {@link
     * #publishJournalLastSequence()} to mark a point in time. Contract tests read a consumer's
     * published effects here (docs/contract-tests.md).
     */
    public List<dev.eventcontracts.broker.core.Views.PublishRecord> publishJournal(long after, int limit) {
        requireStarted();
        return onBrokerThread(() -> vhost.admin().journal(after, limit), "read the publish journal");
    }

    /** The sequence of the newest publish journal record (0 before the first publish). */
    public long publishJournalLastSequence() {
        requireStarted();
        return onBrokerThread(() -> vhost.admin().journalLastSequence(), "read the publish journal");
    }

    /** The bound admin HTTP port. */
    /** The bound admin HTTP port. */
    public int adminPort() {
        requireStarted();
        return admin.port();
    }

    /** The bound AMQP port. */
    public int port() {
        requireStarted();
        return port;
    }

    /** The address the AMQP port is bound to. */
    public String bindAddress() {
        return bindAddress;
    }

    private void requireStarted() {
        if (port < 0) {
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
        restartPending.set(true);
        VirtualHost old = vhost;
        serverChannel.close().awaitUninterruptibly();
        if (tlsServerChannel != null) {
            tlsServerChannel.close().awaitUninterruptibly();
        }
        List<ChannelFuture> closing = onLoop(this::forceCloseConnections);
        VirtualHost.DurableState carried = onLoop(() -> {
            VirtualHost.DurableState state = durableStore == null ? old.durableState() : null;
            old.shutDown();
            if (durableStore != null) {
                durableStore.close();
            }
            return state;
        });
        awaitAll(closing);
        MessageStore store;
        try {
            if (dataDirectory != null) {
                durableStore = LogMessageStore.open(dataDirectory, loop, logOptions);
                store = durableStore;
            } else {
                store = new RestartedMemoryStore(carried.topology(), carried.messages());
            }
            VirtualHost next = newVirtualHost(store, old.policies());
            onLoop(() -> {
                next.continueJournalOf(old);
                vhost = next;
                admin.switchTo(next);
                return null;
            });
            serverChannel = rebind(() -> bindAmqp(next, port), "AMQP", port);
            if (tls != null) {
                tlsServerChannel = rebind(() -> bindAmqps(next, amqpsPort), "amqps", amqpsPort);
            }
        } catch (RuntimeException e) {
            durableStore = null;
            close();
            throw e;
        }
        restarts++;
        restartPending.set(false);
    }

    /** How many times this broker restarted ({@link #restart()}, a fault rule or the admin API). */
    public int restarts() {
        return restarts;
    }

    /** Binds a port again after a restart; retries briefly if the old socket still holds it. */
    private Channel rebind(Supplier<ChannelFuture> binder, String what, int boundPort) {
        ChannelFuture bind = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            bind = binder.get();
            if (bind.isSuccess()) {
                return bind.channel();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Throwable cause = bind.cause();
        throw new UncheckedIOException(new IOException(
                "Harness broker cannot bind " + what + " port '" + bindAddress + ":" + boundPort
                        + "' again after a restart: "
                        + (cause == null ? "interrupted" : cause.getMessage())
                        + ". Another process took the port while the broker restarted; use a port nobody else binds.",
                cause));
    }

    /** Called on the broker's thread by a fault rule or the admin API: restarts on another thread. */
    private void restartInBackground(String reason) {
        if (!restartPending.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        synchronized (this) {
                            if (!closed) {
                                restart();
                            }
                        }
                    } catch (RuntimeException e) {
                        System.err.println("event-contracts harness broker restart failed reason='" + reason
                                + "' error='" + e.getMessage() + "'");
                    } finally {
                        restartPending.set(false);
                    }
                },
                "harness-broker-restart");
        t.setDaemon(true);
        t.start();
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker restarted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker restart failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker's thread did not answer within 10 s during a restart", e);
        }
    }

    /** Closes every client connection with 320 CONNECTION_FORCED; runs on the broker's thread. */
    private List<ChannelFuture> forceCloseConnections() {
        List<ChannelFuture> futures = new ArrayList<>();
        for (AmqpConnectionHandler c : new ArrayList<>(openConnections)) {
            c.forceClose();
            futures.add(c.closeFuture());
        }
        return futures;
    }

    /** Closes the durable log (drains its sync thread), if there is one. */
    private void closeStore() {
        if (durableStore == null) {
            return;
        }
        try {
            loop.submit(durableStore::close).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the log was synced at the last flush; nothing more can be saved
        }
    }

    /** Waits, {@value #CLOSE_WAIT_MILLIS} ms at most in all, for the clients' close-ok. */
    private static void awaitAll(List<ChannelFuture> closing) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (ChannelFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
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
        serverChannel.close().awaitUninterruptibly();
        if (tlsServerChannel != null) {
            tlsServerChannel.close().awaitUninterruptibly();
        }
        admin.close();
        try {
            awaitAll(loop.submit(this::forceCloseConnections).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through to shutting the loop down, which closes every socket
        }
        closeStore();
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }

    /** Configures a {@link HarnessBroker}. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private final Map<String, String> users = new LinkedHashMap<>();
        private int heartbeatSeconds = 60;
        private int adminPort;
        private int frameMax = ConnectionSettings.DEFAULT_FRAME_MAX;
        private int channelMax = ConnectionSettings.DEFAULT_CHANNEL_MAX;
        private int maxConnections;
        private ListenerLimits listenerLimits = ListenerLimits.DEFAULTS;
        private final Map<String, List<String>> permissions = new LinkedHashMap<>();
        private Path dataDirectory;
        private long memoryHighWatermark;
        private final Map<String, String> hashedUsers = new LinkedHashMap<>();
        private Path keyStore;
        private String keyStorePassword;
        private Path trustStore;
        private String trustStorePassword;
        private boolean requireClientCertificate;
        private int amqpsPort;
        private boolean amqpsPortSet;
        private LogOptions logOptions = LogOptions.DEFAULTS;
        private final Map<String, Policy> policies = new LinkedHashMap<>();
        private Path definitionsFile;

        private Builder() {}

        /**
         * Puts a policy in force from the start, as {@code rabbitmqctl set_policy} would (see
         * docs/broker.md, Policies), e.g. {@code policy(new Policy("dlx", "^orders\\.",
         * ApplyTo.QUEUES, 0, Map.of("dead-letter-exchange", "dlx")))}. A policy of the same name
         * replaces the earlier one.
         */
        public Builder policy(Policy policy) {
            if (policy == null) {
                throw new IllegalArgumentException(
                        "policy must not be null; e.g. Policy.of(\"dlx\", \"^orders\\\\.\", Map.of(\"dead-letter-exchange\", \"dlx\"))");
            }
            policies.put(policy.name(), policy);
            return this;
        }

        /**
         * Loads RabbitMQ definitions (the JSON of {@code rabbitmqctl export_definitions} or {@code
         * GET /api/definitions}) at start: users and permissions, policies, exchanges, queues and
         * bindings of vhost {@code /} (see docs/broker.md, Definitions). {@link #build()} reads
         * and checks the file and {@link #start()} declares the topology, each throwing {@link
         * DefinitionsException} (an {@code IllegalArgumentException}) that names the file, the JSON
         * path and the fix. Users from the file are added to the configured ones (guest stays).
         */
        public Builder definitions(Path file) {
            if (file == null) {
                throw new IllegalArgumentException(
                        "definitions must be a file path, e.g. Path.of(\"src/test/resources/definitions.json\")");
            }
            this.definitionsFile = file;
            return this;
        }

        /**
         * Adds an amqps port: AMQP over TLS (JDK provider) with the server key and certificate
         * chain in {@code keyStore}, a PKCS12 or JKS file whose key has the store's password. The
         * plain port stays as it is; the amqps port is chosen by {@link #amqpsPort(int)}. The
         * stores are read by {@link #build()}, which names the file and the fix when they cannot
         * be used.
         */
        public Builder tls(Path keyStore, String keyStorePassword) {
            if (keyStore == null || keyStorePassword == null) {
                throw new IllegalArgumentException(
                        "tls needs a keystore path and its password, e.g. tls(Path.of(\"server.p12\"), \"secret\")");
            }
            this.keyStore = keyStore;
            this.keyStorePassword = keyStorePassword;
            return this;
        }

        /**
         * Asks amqps clients for a certificate signed by a CA in {@code trustStore} (PKCS12 or
         * JKS). A client with a verified certificate may log in with SASL EXTERNAL as the user
         * named by the certificate subject's CN. With {@code required}, a client without a
         * certificate fails the TLS handshake; otherwise it may still log in with a password.
         * Needs {@link #tls(Path, String)}.
         */
        public Builder tlsClientCertificates(Path trustStore, String trustStorePassword, boolean required) {
            if (trustStore == null || trustStorePassword == null) {
                throw new IllegalArgumentException("tlsClientCertificates needs a truststore path and its password"
                        + " (empty if it has none), e.g. tlsClientCertificates(Path.of(\"ca.p12\"), \"secret\", true)");
            }
            this.trustStore = trustStore;
            this.trustStorePassword = trustStorePassword;
            this.requireClientCertificate = required;
            return this;
        }

        /** The amqps port (with {@link #tls(Path, String)}); 0 (default) picks a free one; RabbitMQ uses 5671. */
        public Builder amqpsPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "amqpsPort '" + port + "' is out of range; use 0..65535 (0 = free port)");
            }
            this.amqpsPort = port;
            this.amqpsPortSet = true;
            return this;
        }

        /**
         * Adds a user by the hash of its password, as {@link PasswordHash#hash(String)} makes it
         * (base64 of salt and SHA-256), so no plain password needs to be configured.
         */
        public Builder userWithPasswordHash(String name, String passwordHash) {
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
            return this;
        }

        /**
         * Adds a user who has no password: it can log in only with SASL EXTERNAL, by a client
         * certificate whose CN is {@code name} (see {@link #tlsClientCertificates}).
         */
        public Builder userWithoutPassword(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("userWithoutPassword needs a non-empty name");
            }
            users.remove(name);
            hashedUsers.put(name, ""); // matches no password
            return this;
        }

        /** The admin HTTP port, bound on {@link #bindAddress(String)}; 0 (default) picks a free one. */
        public Builder adminPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "adminPort '" + port + "' is out of range; use 0..65535 (0 = free port)");
            }
            this.adminPort = port;
            return this;
        }

        /** The AMQP port; 0 (default) picks a free one. */
        public Builder amqpPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "amqpPort '" + port + "' is out of range; use 0..65535 (0 = free port)");
            }
            this.port = port;
            return this;
        }

        /** The address to bind; default {@code 127.0.0.1} (loopback only, like RabbitMQ's guest user). */
        public Builder bindAddress(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("bindAddress must be a host name or IP address, e.g. '127.0.0.1'");
            }
            this.bindAddress = host;
            return this;
        }

        /** Adds a user; without any, guest/guest is accepted. The first user appears in {@link #amqpUri()}. */
        public Builder user(String name, String password) {
            if (name == null || name.isEmpty() || password == null) {
                throw new IllegalArgumentException(
                        "user needs a non-empty name and a password, got name '" + name + "'");
            }
            hashedUsers.remove(name);
            users.put(name, password);
            return this;
        }

        /** Heartbeat interval the server suggests, in seconds; 0 disables; default 60. */
        public Builder heartbeatSeconds(int s) {
            if (s < 0 || s > 65535) {
                throw new IllegalArgumentException("heartbeatSeconds '" + s + "' is out of range; use 0..65535");
            }
            this.heartbeatSeconds = s;
            return this;
        }

        /**
         * Keeps durable exchanges, queues, bindings and persistent messages on durable queues in
         * {@code dir}, so they survive a restart or a crash; default: memory only.
         */
        public Builder dataDirectory(Path dir) {
            if (dir == null) {
                throw new IllegalArgumentException(
                        "dataDirectory must be a directory path, e.g. Path.of(\"target/broker-data\")");
            }
            this.dataDirectory = dir;
            return this;
        }

        /**
         * Segment size and write hook of the durable log (with {@link #dataDirectory}); tests use a
         * small segment size to exercise compaction and a throwing hook to simulate a full disk.
         */
        public Builder logOptions(LogOptions options) {
            if (options == null) {
                throw new IllegalArgumentException("logOptions must not be null; use LogOptions.DEFAULTS");
            }
            this.logOptions = options;
            return this;
        }

        /** Largest frame the broker accepts, negotiated in {@code connection.tune}; default 131072 (128 KiB). */
        public Builder frameMax(int bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException(
                        "frameMax '" + bytes + "' is below AMQP's minimum frame size; use at least 4096");
            }
            this.frameMax = bytes;
            return this;
        }

        /** Highest channel number a connection may open; default 2047, as RabbitMQ. */
        public Builder channelMax(int channels) {
            if (channels < 1 || channels > 65535) {
                throw new IllegalArgumentException("channelMax '" + channels + "' is out of range; use 1..65535");
            }
            this.channelMax = channels;
            return this;
        }

        /**
         * Most client connections open at once; a further {@code connection.open} is refused with
         * {@code 530 NOT_ALLOWED}. Default 0 = no limit.
         */
        public Builder maxConnections(int connections) {
            if (connections < 0) {
                throw new IllegalArgumentException(
                        "maxConnections '" + connections + "' must be 0 (no limit) or positive");
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * How long a socket may take from being accepted to {@code connection.open}; past it the
         * socket is closed, as RabbitMQ's {@code handshake_timeout}. Default 10 s.
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.listenerLimits = new ListenerLimits(timeout, listenerLimits.maxSockets());
            return this;
        }

        /**
         * Most sockets open at once on each AMQP listener, handshakes included; a further socket is
         * closed as soon as it is accepted, so idle sockets cannot exhaust file descriptors. Default
         * 0 = no limit. {@link #maxConnections(int)} limits opened connections instead.
         */
        public Builder maxSockets(int sockets) {
            this.listenerLimits = new ListenerLimits(listenerLimits.handshakeTimeout(), sockets);
            return this;
        }

        /**
         * RabbitMQ-style permissions of a configured user in vhost {@code /}: regexes the names of
         * exchanges and queues must match to configure (declare, delete), write (publish, bind a
         * queue) and read (consume, get, purge, bind from an exchange); the default exchange is
         * {@code amq.default}. Refusals are {@code 403 ACCESS_REFUSED}. Default for every user:
         * {@code ".*"} for all three.
         */
        public Builder permissions(String user, String configure, String write, String read) {
            for (String regex : new String[] {configure, write, read}) {
                try {
                    java.util.regex.Pattern.compile(regex);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "permission regex '" + regex + "' for user '" + user + "' is invalid: " + e.getMessage());
                }
            }
            permissions.put(user, List.of(configure, write, read));
            return this;
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
        public Builder memoryHighWatermark(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memoryHighWatermark '" + bytes
                        + "' is negative; use 0 (flow control off, the default) or a number of bytes, e.g. 67108864");
            }
            this.memoryHighWatermark = bytes;
            return this;
        }

        /** A broker with this configuration, not yet started. */
        public HarnessBroker build() {
            return new HarnessBroker(this);
        }
    }
}
