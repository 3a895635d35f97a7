package dev.eventcontracts.broker.amqp.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Salted SHA-256 password hashes in RabbitMQ's {@code rabbit_password_hashing_sha256} layout:
 * base64 of a 4-byte salt followed by SHA-256(salt + UTF-8 password). The broker keeps only these.
 */
public final class PasswordHash {
    private static final int SALT = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    /** A fresh salted hash of {@code password}. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT];
        RANDOM.nextBytes(salt);
        return Base64.getEncoder().encodeToString(withSalt(salt, password));
    }

    /** Whether {@code hash} has the layout {@link #hash(String)} produces (base64 of 36 bytes). */
    public static boolean isWellFormed(String hash) {
        try {
            return Base64.getDecoder().decode(hash).length == SALT + 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code password} matches {@code hash}; false for a malformed hash. */
    public static boolean matches(String hash, String password) {
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (stored.length != SALT + 32) {
            return false;
        }
        return MessageDigest.isEqual(stored, withSalt(Arrays.copyOf(stored, SALT), password));
    }

    private static byte[] withSalt(byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] digest = sha.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(salt, SALT + digest.length);
            System.arraycopy(digest, 0, out, SALT, digest.length);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
