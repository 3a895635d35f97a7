package dev.eventcontracts.broker.admin.definitions;

import java.util.List;

/**
 * The broker's users and their permissions in vhost {@code /}, as definitions export and import
 * them. Implemented by the broker; the calls run on its thread.
 */
public interface Accounts {

    /**
     * A user: {@code passwordHash} is RabbitMQ's {@code rabbit_password_hashing_sha256} form (base64
     * of a 4-byte salt and SHA-256 of salt and password); empty means no password (certificate
     * login only).
     */
    record User(String name, String passwordHash, List<String> tags) {}

    /** Permissions of a user: regular expressions for configure, write and read. */
    record Permission(String user, String configure, String write, String read) {}

    /** Every user, sorted by name. */
    List<User> users();

    /** Every user's permissions, sorted by user. */
    List<Permission> permissions();

    /** Adds a user or replaces its password hash and tags. */
    void putUser(User user);

    /** Sets a user's permissions; the user exists. */
    void grant(Permission permission);

    /** Accounts that cannot change: exports nothing, refuses imports (a core without a broker). */
    Accounts NONE = new Accounts() {
        @Override
        public List<User> users() {
            return List.of();
        }

        @Override
        public List<Permission> permissions() {
            return List.of();
        }

        @Override
        public void putUser(User user) {
            throw new UnsupportedOperationException("this virtual host has no broker around it to add users to");
        }

        @Override
        public void grant(Permission permission) {
            throw new UnsupportedOperationException("this virtual host has no broker around it to grant users");
        }
    };
}
