package dev.eventcontracts.broker.amqp.connection;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of amqps: a JDK-provider TLS context built from a PKCS12 or JKS keystore, and
 * optionally a truststore that verifies client certificates.
 */
public final class ServerTls {
    private final SslContext context;
    private final boolean verifiesClients;

    private ServerTls(SslContext context, boolean verifiesClients) {
        this.context = context;
        this.verifiesClients = verifiesClients;
    }

    /**
     * Loads the stores and builds the TLS context.
     *
     * @param keyStore PKCS12 or JKS file with the server's private key and certificate chain; its
     *     key is protected by the same password as the store (as {@code keytool} makes them)
     * @param keyStorePassword the keystore's password
     * @param trustStore certificates of the CAs that sign client certificates, or null to not ask
     *     clients for certificates
     * @param trustStorePassword the truststore's password (may be empty)
     * @param requireClientCertificate whether a client without a certificate fails the TLS
     *     handshake; otherwise a certificate is asked for but optional
     * @throws IllegalArgumentException naming the file, the option and the fix when a store cannot
     *     be used
     */
    public static ServerTls load(
            Path keyStore,
            String keyStorePassword,
            Path trustStore,
            String trustStorePassword,
            boolean requireClientCertificate) {
        KeyStore keys = read(keyStore, keyStorePassword, "keystore", "--tls-keystore", "--tls-keystore-password");
        try {
            if (Collections.list(keys.aliases()).stream().noneMatch(a -> isKey(keys, a))) {
                throw new IllegalArgumentException("TLS keystore '" + keyStore
                        + "' (--tls-keystore) holds no private key; it needs the server's key and certificate, e.g. "
                        + "'keytool -genkeypair -alias server -keyalg EC -dname CN=localhost -storetype PKCS12 -keystore "
                        + keyStore.getFileName() + "'");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyStorePassword.toCharArray());
            SslContextBuilder builder = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK);
            if (trustStore != null) {
                KeyStore trusted = read(
                        trustStore, trustStorePassword, "truststore", "--tls-truststore", "--tls-truststore-password");
                if (trusted.size() == 0) {
                    throw new IllegalArgumentException("TLS truststore '" + trustStore
                            + "' (--tls-truststore) holds no certificate; import the CA that signs client certificates"
                            + " with 'keytool -importcert -alias ca -file ca.pem -keystore " + trustStore.getFileName()
                            + "'");
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
                builder.trustManager(tmf)
                        .clientAuth(requireClientCertificate ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return new ServerTls(builder.build(), trustStore != null);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(
                    "TLS keystore '" + keyStore + "' (--tls-keystore): the private key cannot be read with the keystore"
                            + " password (" + e.getMessage() + "); protect the key with the same password as the store",
                    e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "TLS cannot be set up from keystore '" + keyStore + "': " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }

    private static KeyStore read(Path file, String password, String what, String fileOption, String passwordOption) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TLS " + what + " '" + file + "' (" + fileOption
                    + ") does not exist or is not a file; give the path of a PKCS12 (.p12) or JKS file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException(
                        "TLS " + what + " '" + file + "' (" + fileOption + "): the password is wrong (" + e.getMessage()
                                + "); give the password the " + what + " was created with in " + passwordOption,
                        e);
            }
            throw new IllegalArgumentException(
                    "TLS " + what + " '" + file + "' (" + fileOption + ") cannot be read: " + e.getMessage()
                            + "; give a PKCS12 (.p12) or JKS file",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "TLS " + what + " '" + file + "' (" + fileOption + ") is neither a PKCS12 nor a JKS keystore ("
                            + e.getMessage() + "); convert it with 'keytool -importkeystore -deststoretype PKCS12'",
                    e);
        }
    }

    /** Whether clients are asked for certificates (a truststore is configured). */
    public boolean verifiesClients() {
        return verifiesClients;
    }

    /** A new server-side TLS handler for one accepted socket. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    /**
     * The common name (CN) of the verified client certificate of a TLS session, or empty when the
     * client presented none (or its subject has no CN).
     */
    static Optional<String> clientCommonName(SSLSession session) {
        java.security.cert.Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            return Optional.empty();
        }
        return commonName(cert.getSubjectX500Principal().getName());
    }

    /** The most specific CN attribute of an RFC 2253 distinguished name ({@code CN=app,O=acme} gives {@code app}). */
    static Optional<String> commonName(String distinguishedName) {
        java.util.List<Rdn> rdns;
        try {
            rdns = new LdapName(distinguishedName).getRdns(); // least specific first
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        for (int i = rdns.size() - 1; i >= 0; i--) {
            if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                return Optional.of(rdns.get(i).getValue().toString());
            }
        }
        return Optional.empty();
    }
}
