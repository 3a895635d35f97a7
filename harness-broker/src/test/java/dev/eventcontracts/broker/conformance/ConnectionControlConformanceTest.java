package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.ctl.Ctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same {@code rabbitmqctl} command lines against both targets: the harness's {@code ctl}
 * and, on the oracle, the real {@code rabbitmqctl} (skipped where it is not installed or not
 * allowed to talk to the node). Only the test's own connection is closed.
 */
class ConnectionControlConformanceTest extends ConformanceBase {

    private String ctl(Target t, String... args) throws Exception {
        if (t.oracle()) {
            Path bin = Path.of("/usr/sbin/rabbitmqctl");
            Assumptions.assumeTrue(Files.isExecutable(bin), "rabbitmqctl not installed");
            List<String> cmd = new ArrayList<>(List.of(bin.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "rabbitmqctl failed: " + out);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all =
                new ArrayList<>(List.of("--admin", harness().adminUri().toString()));
        all.addAll(List.of(args));
        int code = Ctl.run(
                all.toArray(String[]::new),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as("ctl exit code, output: %s", out).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The {@code pid} column of the connection named {@code name} in {@code list_connections}. */
    private String pidOf(Target t, String name) throws Exception {
        String listing = ctl(t, "list_connections", "-q", "pid", "peer_port", "client_properties");
        for (String line : listing.split("\n")) {
            if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
                return line.split("\t")[0];
            }
        }
        throw new AssertionError("connection '" + name + "' not in list_connections:\n" + listing);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void listConnections_showsPeerPortAndClientProperties(Target t) throws Exception {
        String name = name("ctl-list");
        Connection c = open(t, name);
        String listing = ctl(t, "list_connections", "-q", "pid", "peer_port", "client_properties");
        String line = listing.lines()
                .filter(l -> l.contains("\"" + name + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + " in\n" + listing));
        String[] columns = line.split("\t");
        assertThat(Integer.parseInt(columns[1]))
                .isEqualTo(((com.rabbitmq.client.impl.NetworkConnection) c).getLocalPort());
        assertThat(columns[2]).contains("{\"product\",\"RabbitMQ\"}").contains("{\"capabilities\",[");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void closeConnection_closesWith320AndTheGivenReason(Target t) throws Exception {
        String name = name("ctl-close");
        Connection c = open(t, name);
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        c.addShutdownListener(closed::complete);
        ctl(t, "close_connection", pidOf(t, name), "Closed via rabbitmqctl");
        ShutdownSignalException s = closed.get(10, TimeUnit.SECONDS);
        assertThat(s.isHardError()).isTrue();
        AMQP.Connection.Close close = (AMQP.Connection.Close) s.getReason();
        assertThat(close.getReplyCode()).isEqualTo(320);
        assertThat(close.getReplyText()).isEqualTo("CONNECTION_FORCED - Closed via rabbitmqctl");
    }

    private Connection open(Target t, String name) throws Exception {
        open(t).close(); // skips when the oracle is unreachable
        Connection c = t.factory().newConnection(name);
        cleanup(() -> {
            if (c.isOpen()) {
                try {
                    c.close(2000);
                } catch (Exception ignored) {
                    // already gone
                }
            }
        });
        return c;
    }
}
