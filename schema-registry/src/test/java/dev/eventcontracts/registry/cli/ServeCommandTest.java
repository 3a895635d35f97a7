package dev.eventcontracts.registry.cli;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventcontracts.registry.testing.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}: the registry in the foreground, from the standalone program's command line. */
class ServeCommandTest {

    private static final Pattern READY = Pattern.compile("apicurio=(\\S+) ccompat=(\\S+) storage=(.+)");

    @TempDir
    Path dir;

    @Test
    void serve_withStorage_printsReadyLineServesApicurioAndWritesTheFileStore() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> commandLine.execute("serve", "--port", "0", "--storage", dir.toString()));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> READY.matcher(out.toString()).find());
        Matcher ready = READY.matcher(out.toString());
        assertThat(ready.find()).isTrue();
        Http http = new Http(URI.create(ready.group(1)));
        Http.Reply created =
                http.send("POST", "/groups/default/artifacts", ORDER_V1, Map.of("X-Registry-ArtifactId", "orders"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(dir.resolve("groups/default/orders/v1.avsc")).exists();

        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        serve.stop();
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void serve_onATakenPort_exitsWithBadInputAndAMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true),
                    "serve",
                    "--port",
                    String.valueOf(taken.getLocalPort()));

            assertThat(code).isEqualTo(Main.BAD_INPUT);
            assertThat(err.toString())
                    .contains("Cannot start the registry")
                    .contains(String.valueOf(taken.getLocalPort()));
        }
    }
}
