package dev.eventcontracts.broker.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI made at test time with the JDK's {@code keytool} (run as a process): a CA, a
 * server key for {@code localhost}/{@code 127.0.0.1} and client keys, all signed by the CA, in
 * PKCS12 files. No private key is committed to the repository.
 *
 * @param dir where the files are
 * @param serverKeyStore the server's key and certificate chain
 * @param trustStore the CA certificate, for both sides
 */
public record TestPki(Path dir, Path serverKeyStore, Path trustStore) {
    /** The password of every store made here. */
    public static final String PASSWORD = "harness-pw";

    private static final String CA_STORE = "ca.p12";

    /** Makes the CA, the server key and one client key per common name in {@code dir}. */
    public static TestPki create(Path dir, String... clientCommonNames) throws IOException, InterruptedException {
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=harness-test-ca",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                CA_STORE,
                "-storepass",
                PASSWORD);
        keytool(
                dir,
                "-exportcert",
                "-alias",
                "ca",
                "-keystore",
                CA_STORE,
                "-storepass",
                PASSWORD,
                "-rfc",
                "-file",
                "ca.pem");
        keytool(
                dir,
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                "ca.pem",
                "-storetype",
                "PKCS12",
                "-keystore",
                "trust.p12",
                "-storepass",
                PASSWORD);
        Path server = signed(dir, "server", "localhost", "san=dns:localhost,ip:127.0.0.1");
        for (String cn : clientCommonNames) {
            signed(dir, "client-" + cn, cn, null);
        }
        return new TestPki(dir, server, dir.resolve("trust.p12"));
    }

    /** The PKCS12 file with the key and certificate chain of the client whose CN is {@code cn}. */
    public Path clientKeyStore(String cn) {
        return dir.resolve("client-" + cn + ".p12");
    }

    /** A client TLS context that trusts the test CA and, unless {@code clientCn} is null, presents that client's certificate. */
    public SSLContext clientContext(String clientCn) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trustStore));
        KeyManagerFactory kmf = null;
        if (clientCn != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(clientKeyStore(clientCn)), PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** A JKS copy of a PKCS12 store made here, with the same password. */
    public Path jksCopy(Path pkcs12) throws IOException, InterruptedException {
        Path jks = dir.resolve(pkcs12.getFileName().toString().replace(".p12", ".jks"));
        keytool(
                dir,
                "-importkeystore",
                "-noprompt",
                "-srckeystore",
                pkcs12.toString(),
                "-srcstoretype",
                "PKCS12",
                "-srcstorepass",
                PASSWORD,
                "-destkeystore",
                jks.toString(),
                "-deststoretype",
                "JKS",
                "-deststorepass",
                PASSWORD);
        return jks;
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        return KeyStore.getInstance(file.toFile(), PASSWORD.toCharArray());
    }

    private static Path signed(Path dir, String name, String cn, String extension)
            throws IOException, InterruptedException {
        String store = name + ".p12";
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + cn + ",O=event-contracts test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store,
                "-storepass",
                PASSWORD);
        keytool(dir, "-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                CA_STORE,
                "-storepass",
                PASSWORD,
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".pem",
                "-rfc",
                "-validity",
                "2"));
        if (extension != null) {
            gencert.add("-ext");
            gencert.add(extension);
        }
        keytool(dir, gencert.toArray(String[]::new));
        Path chain = dir.resolve(name + "-chain.pem");
        Files.writeString(
                chain, Files.readString(dir.resolve(name + ".pem")) + Files.readString(dir.resolve("ca.pem")));
        keytool(
                dir,
                "-importcert",
                "-noprompt",
                "-alias",
                name,
                "-keystore",
                store,
                "-storepass",
                PASSWORD,
                "-file",
                chain.getFileName().toString());
        return dir.resolve(store);
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-J-XX:TieredStopAtLevel=1");
        command.add("-J-XX:+UseSerialGC");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
