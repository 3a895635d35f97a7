package dev.eventcontracts.broker;

import dev.eventcontracts.broker.admin.definitions.Accounts;
import dev.eventcontracts.broker.core.VirtualHost;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The users (password hashes, tags) and vhost permissions of one broker, shared by the AMQP
 * handshake (which reads the live hash map) and definitions export and import (which change it on
 * the broker's thread). Survives restarts: each new virtual host is granted from it.
 */
final class BrokerAccounts implements Accounts {
    private static final List<String> ALL = List.of(".*", ".*", ".*");

    private final Map<String, String> passwordHashes;
    private final Map<String, List<String>> permissions;
    private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
    private final Supplier<VirtualHost> vhost;

    /**
     * @param passwordHashes user to {@code PasswordHash} (empty: certificate login only)
     * @param permissions user to configure, write and read regexes
     * @param vhost the virtual host in force, granted at once when an import adds a user
     */
    BrokerAccounts(
            Map<String, String> passwordHashes, Map<String, List<String>> permissions, Supplier<VirtualHost> vhost) {
        this.passwordHashes = new ConcurrentHashMap<>(passwordHashes);
        this.permissions = new ConcurrentHashMap<>(permissions);
        this.vhost = vhost;
    }

    /** The live map the handshake checks passwords against. */
    Map<String, String> passwordHashes() {
        return passwordHashes;
    }

    /** Keeps a user's tags for the export (the harness does not act on them). */
    void tag(String user, List<String> userTags) {
        tags.put(user, List.copyOf(userTags));
    }

    /** Grants every user's permissions in a (new) virtual host. */
    void grantAll(VirtualHost v) {
        permissions.forEach((name, p) -> v.grant(name, p.get(0), p.get(1), p.get(2)));
    }

    @Override
    public List<User> users() {
        return new TreeMap<>(passwordHashes)
                .entrySet().stream()
                        .map(e -> new User(
                                e.getKey(), e.getValue(), tags.getOrDefault(e.getKey(), List.of("administrator"))))
                        .toList();
    }

    @Override
    public List<Permission> permissions() {
        return new TreeMap<>(permissions)
                .entrySet().stream()
                        .map(e -> new Permission(
                                e.getKey(),
                                e.getValue().get(0),
                                e.getValue().get(1),
                                e.getValue().get(2)))
                        .toList();
    }

    /** Adds or updates a user; a new user gets the harness default permissions {@code .*} (RabbitMQ: none). */
    @Override
    public void putUser(User user) {
        passwordHashes.put(user.name(), user.passwordHash());
        tag(user.name(), user.tags());
        if (permissions.putIfAbsent(user.name(), ALL) == null) {
            vhost.get().grant(user.name(), ".*", ".*", ".*");
        }
    }

    @Override
    public void grant(Permission p) {
        permissions.put(p.user(), List.of(p.configure(), p.write(), p.read()));
    }
}
