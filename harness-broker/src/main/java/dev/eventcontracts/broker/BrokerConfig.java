package dev.eventcontracts.broker;

import dev.eventcontracts.broker.admin.definitions.Accounts;
import dev.eventcontracts.broker.admin.definitions.Definitions;
import dev.eventcontracts.broker.admin.definitions.DefinitionsException;
import dev.eventcontracts.broker.admin.definitions.DefinitionsReader;
import dev.eventcontracts.broker.amqp.connection.ConnectionSettings;
import dev.eventcontracts.broker.amqp.connection.ListenerLimits;
import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import dev.eventcontracts.broker.amqp.connection.ServerTls;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The immutable configuration of one {@link HarnessBroker}, made from its builder's options by
 * {@link #from}: the users and permissions resolved against the definitions file, TLS loaded and
 * the options checked against each other.
 *
 * @param amqpPort the AMQP port asked for (0 = free)
 * @param passwordHashes user to password hash (empty: certificate login only)
 * @param permissions user to configure, write and read regexes in vhost {@code /}
 * @param userTags user to tags, from the definitions file
 * @param firstUser the first user with a plain password, or null
 * @param firstPassword that user's password, or null
 * @param definitions the definitions file's content ({@link Definitions#EMPTY} without one)
 * @param definitionsSource the definitions file, for messages, or null without one
 * @param tls the amqps listener's TLS, or null without TLS
 */
record BrokerConfig(
        int amqpPort,
        String bindAddress,
        Map<String, String> passwordHashes,
        Map<String, List<String>> permissions,
        Map<String, List<String>> userTags,
        String firstUser,
        String firstPassword,
        int frameMax,
        int channelMax,
        int maxConnections,
        ListenerLimits listenerLimits,
        List<Policy> initialPolicies,
        Definitions definitions,
        String definitionsSource,
        int heartbeatSeconds,
        int adminPort,
        Path dataDirectory,
        long memoryHighWatermark,
        ServerTls tls,
        int amqpsPort,
        LogOptions logOptions) {

    /**
     * Resolves the builder's options.
     *
     * @throws IllegalArgumentException naming the conflicting options and the fix
     * @throws DefinitionsException when the definitions file cannot be used
     */
    static BrokerConfig from(BrokerOptions<?> b) {
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
        String firstUser = u.isEmpty() ? null : u.keySet().iterator().next();
        String firstPassword = firstUser == null ? null : u.get(firstUser);
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
        Map<String, List<String>> tags = new LinkedHashMap<>();
        defs.users().forEach(user -> tags.put(user.name(), user.tags()));
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
        ServerTls tls = b.keyStore == null
                ? null
                : ServerTls.load(
                        b.keyStore, b.keyStorePassword, b.trustStore, b.trustStorePassword, b.requireClientCertificate);
        return new BrokerConfig(
                b.port,
                b.bindAddress,
                Collections.unmodifiableMap(hashes),
                Collections.unmodifiableMap(grants),
                Collections.unmodifiableMap(tags),
                firstUser,
                firstPassword,
                b.frameMax,
                b.channelMax,
                b.maxConnections,
                b.listenerLimits,
                List.copyOf(b.policies.values()),
                defs,
                b.definitionsFile == null ? null : b.definitionsFile.toString(),
                b.heartbeatSeconds,
                b.adminPort,
                b.dataDirectory,
                b.memoryHighWatermark,
                tls,
                b.amqpsPort,
                b.logOptions);
    }

    /** The broker's live accounts, made from this configuration; {@code vhost} is the virtual host in force. */
    BrokerAccounts accounts(Supplier<VirtualHost> vhost) {
        BrokerAccounts accounts = new BrokerAccounts(passwordHashes, permissions, vhost);
        userTags.forEach(accounts::tag);
        return accounts;
    }

    /** What the AMQP listeners tell connections: passwords (live), loopback-only users, tune values. */
    static ConnectionSettings connectionSettings(BrokerConfig config, BrokerAccounts accounts) {
        return new ConnectionSettings(
                accounts.passwordHashes(),
                Set.of("guest"),
                config.heartbeatSeconds(),
                config.frameMax(),
                config.channelMax(),
                config.maxConnections(),
                3000);
    }
}
