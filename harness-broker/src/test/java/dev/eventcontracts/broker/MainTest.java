package dev.eventcontracts.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
