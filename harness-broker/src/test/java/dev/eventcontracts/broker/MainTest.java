package dev.eventcontracts.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import dev.eventcontracts.broker.security.Clients;
import dev.eventcontracts.broker.security.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void usersFile_definesUsers_firstOneInTheUri(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "# comment\norders:s3cret\n\nops:p:w\n");
        try (HarnessBroker broker = Main.parse(new String[] {"--users", users.toString(), "--bind", "127.0.0.1"})
                .build()
                .start()) {
            assertThat(broker.amqpUri().getUserInfo()).isEqualTo("orders:s3cret");
        }
    }

    @Test
    void badUsersLine_namesFileLineAndExpectedFormat(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "orders:ok\nbroken\n");
        assertThatThrownBy(() -> Main.parse(new String[] {"--users", users.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("users file '" + users + "' line 2: expected 'name:password', got 'broken'");
    }

    @Test
    void unknownOptionOrBadPort_exitWith2AndUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"--colour", "1"}, System.out, errStream))
                .isEqualTo(2);
        assertThat(Main.run(new String[] {"--admin-port", "x1"}, System.out, errStream))
                .isEqualTo(2);
        assertThat(Main.run(new String[] {"--amqp-port", "abc"}, System.out, errStream))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown option '--colour'")
                .contains("--admin-port 'x1' is not a number")
                .contains("--amqp-port 'abc' is not a number")
                .contains("usage:");
    }

    @Test
    void portInUse_exitsWith1AndSaysWhy() {
        try (HarnessBroker taken = HarnessBroker.builder().build().start()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(
                    new String[] {"--amqp-port", String.valueOf(taken.port())},
                    System.out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("cannot bind AMQP port '127.0.0.1:" + taken.port());
        }
    }

    @Test
    void adminPortInUse_exitsWith1AndSaysWhy() {
        try (HarnessBroker taken = HarnessBroker.builder().build().start()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(
                    new String[] {"--admin-port", String.valueOf(taken.adminPort())},
                    System.out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("cannot bind admin port '127.0.0.1:" + taken.adminPort());
        }
    }

    // ---- users file: hashes and permissions ---------------------------------------------------

    private static ConnectionFactory factory(HarnessBroker broker, String user, String password) {
        return Clients.plain("127.0.0.1", broker.port(), user, password);
    }

    @Test
    void usersFile_withHashedPasswordsAndPermissions_logsInByHash_andAppliesThePermissions(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream hashed = new ByteArrayOutputStream();
        assertThat(Main.hashPassword("b1ll!ng", new PrintStream(hashed, true, StandardCharsets.UTF_8), System.err))
                .isZero();
        String hash = hashed.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).startsWith("{sha256}").doesNotContain("b1ll!ng");
        Path users = dir.resolve("users.txt");
        Files.writeString(
                users,
                "# plain, hashed with permissions, certificate-only\n"
                        + "orders:s3cret\n"
                        + "billing:" + hash + "  ^billing\\..*\t^(billing\\..*|amq\\.default)$ ^billing\\..*\n"
                        + "app-cert:{none} ^app\\..* .* ^app\\..*\n");
        try (HarnessBroker broker = Main.parse(new String[] {"--users", users.toString()})
                        .build()
                        .start();
                Connection billing = factory(broker, "billing", "b1ll!ng").newConnection()) {
            assertThat(broker.amqpUri().getUserInfo()).isEqualTo("orders:s3cret");
            Channel ch = billing.createChannel();
            ch.queueDeclare("billing.invoices", false, false, false, null);
            ch.basicPublish("", "billing.invoices", null, new byte[] {1});
            assertThat(ch.basicGet("billing.invoices", true)).isNotNull();
            assertThatThrownBy(() -> billing.createChannel().queueDeclare("orders.new", false, false, false, null))
                    .hasStackTraceContaining("reply-code=403")
                    .hasStackTraceContaining(
                            "ACCESS_REFUSED - access to queue 'orders.new' in vhost '/' refused for user 'billing'");
            assertThatThrownBy(() -> factory(broker, "billing", hash).newConnection())
                    .as("the hash itself is not a password")
                    .isInstanceOf(AuthenticationFailureException.class);
            assertThatThrownBy(() -> factory(broker, "app-cert", "").newConnection())
                    .as("{none} users have no password")
                    .isInstanceOf(AuthenticationFailureException.class);
            try (Connection orders = factory(broker, "orders", "s3cret").newConnection()) {
                orders.createChannel().queueDeclare("orders.new", false, false, false, null);
            }
        }
    }

    @Test
    void usersFile_nameListedTwice_theLaterLineReplacesPasswordAndPermissions(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(
                users, "ops:{sha256}" + PasswordHash.hash("old") + " ^none$ ^none$ ^none$\nother:x\nops:new\n");
        try (HarnessBroker broker = Main.parse(new String[] {"--users", users.toString()})
                        .build()
                        .start();
                Connection ops = factory(broker, "ops", "new").newConnection()) {
            assertThat(broker.amqpUri().getUserInfo()).isEqualTo("ops:new");
            ops.createChannel().queueDeclare("anything", false, false, false, null);
            assertThatThrownBy(() -> factory(broker, "ops", "old").newConnection())
                    .isInstanceOf(AuthenticationFailureException.class);
        }
    }

    @Test
    void usersFile_withOnlyHashedUsers_givesAUriWithoutCredentials(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "ops:{SHA256}" + PasswordHash.hash("pw") + "\n");
        try (HarnessBroker broker = Main.parse(new String[] {"--users", users.toString()})
                        .build()
                        .start();
                Connection ops = factory(broker, "ops", "pw").newConnection()) {
            assertThat(broker.amqpUri()).hasToString("amqp://127.0.0.1:" + broker.port());
            assertThat(ops.isOpen()).isTrue();
        }
    }

    @Test
    void badHashedOrPermissionLines_nameFileLineAndWhatToWrite(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.txt");
        String hash = PasswordHash.hash("pw");
        String where = "users file '" + users + "' line 2: ";
        Files.writeString(users, "a:b\nbilling:{sha256}nothash\n");
        assertThatThrownBy(() -> Main.parse(new String[] {"--users", users.toString()}))
                .hasMessage(where + "'{sha256}' must be followed by the hash that --hash-password prints"
                        + " (48 base64 characters), got 'nothash'");
        Files.writeString(users, "a:b\nbilling:{sha256}" + hash + " .* .*\n");
        assertThatThrownBy(() -> Main.parse(new String[] {"--users", users.toString()}))
                .hasMessage(where + "expected no permissions or three after the password (configure, write and read"
                        + " regexes for vhost '/', separated by blanks), got 2; write e.g."
                        + " 'billing:... ^billing\\..* .* ^billing\\..*'");
        Files.writeString(users, "a:b\nbilling:{sha256}" + hash + " .* (unclosed .*\n");
        assertThatThrownBy(() -> Main.parse(new String[] {"--users", users.toString()}))
                .hasMessageStartingWith(where + "the write permission '(unclosed' is not a valid regular expression (")
                .hasMessageEndingWith("); escape special characters with '\\', e.g. '^orders\\..*'");
        Files.writeString(users, "a:b\napp:{none}secret\n");
        assertThatThrownBy(() -> Main.parse(new String[] {"--users", users.toString()}))
                .hasMessage(where + "'{none}' takes no value, got 'secret'; write 'app:{none} configure write read'"
                        + " or 'app:{none}'");
    }

    @Test
    void hashPassword_withoutAPassword_exitsWith2AndSaysHowToPipeIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.hashPassword("", System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--hash-password reads the password from standard input");
        assertThatThrownBy(() -> Main.parse(new String[] {"--bind", "127.0.0.1", "--hash-password"}))
                .hasMessage("--hash-password takes no other options; run it on its own");
    }

    // ---- TLS options ----------------------------------------------------------------------------

    @Test
    void tlsOptions_openAnAmqpsPort_withThePasswordFromTheEnvironment(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create(dir);
        String[] args = {"--tls-keystore", pki.serverKeyStore().toString(), "--amqps-port", "0"};
        try (HarnessBroker broker = Main.parse(args, Map.of(Main.KEYSTORE_PASSWORD_ENV, TestPki.PASSWORD))
                        .build()
                        .start();
                Connection c = tlsFactory(broker, pki).newConnection()) {
            assertThat(broker.tlsEnabled()).isTrue();
            assertThat(c.isOpen()).isTrue();
        }
        assertThatThrownBy(() -> Main.parse(args, Map.of()))
                .hasMessage("the keystore needs its password: give --tls-keystore-password PW, or set the environment"
                        + " variable EVENTCONTRACTS_TLS_KEYSTORE_PASSWORD (which keeps it out of the process list)");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"--tls-keystore", pki.serverKeyStore().toString(), "--tls-keystore-password", "wrong"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("TLS keystore '" + pki.serverKeyStore() + "' (--tls-keystore): the password is wrong")
                .contains("usage:");
    }

    private static ConnectionFactory tlsFactory(HarnessBroker broker, TestPki pki) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpsPort());
        f.useSslProtocol(pki.clientContext(null));
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    @Test
    void tlsOptionsWithoutAKeystore_orABadClientCertificateMode_areRefused() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--tls-truststore", "ca.p12"}))
                .hasMessage("option '--tls-truststore' needs TLS; add --tls-keystore FILE with the server's key");
        assertThatThrownBy(
                        () -> Main.parse(new String[] {"--amqps-port", "5671"}).build())
                .hasMessage(
                        "amqpsPort (--amqps-port) needs TLS: also call tls(keyStore, password) (--tls-keystore FILE)");
        assertThatThrownBy(() -> Main.parse(new String[] {
                    "--tls-keystore", "s.p12", "--tls-keystore-password", "x", "--tls-client-certificates", "required"
                }))
                .hasMessage("option '--tls-client-certificates' needs --tls-truststore FILE with the CA certificates"
                        + " that sign client certificates");
        assertThatThrownBy(() -> Main.parse(new String[] {
                    "--tls-keystore",
                    "s.p12",
                    "--tls-keystore-password",
                    "x",
                    "--tls-truststore",
                    "t.p12",
                    "--tls-truststore-password",
                    "y",
                    "--tls-client-certificates",
                    "always"
                }))
                .hasMessage("--tls-client-certificates 'always' is not 'optional' or 'required'");
    }
}
