package probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Talks AMQP to the broker and HTTP to the registry the plugin started; records the broker URI for verify.groovy. */
class BrokerProbeTest {

    @Test
    void brokerAndRegistry_answer() throws Exception {
        String uri = System.getProperty("eventcontracts.amqp.uri");
        assertNotNull(uri, "eventcontracts.amqp.uri is passed by failsafe/surefire systemPropertyVariables");
        URI amqp = URI.create(uri);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(amqp.getHost(), amqp.getPort()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            InputStream in = socket.getInputStream();
            assertEquals(1, in.read(), "first frame is a method frame (Connection.Start)");
        }
        String registry = System.getProperty("eventcontracts.registry.uri");
        assertNotNull(registry, "eventcontracts.registry.uri is passed too");
        HttpResponse<String> info = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(registry + "/system/info")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode(), "the embedded registry answers " + registry + "/system/info");
        Path endpoints = Path.of("target/event-contracts/endpoints.properties");
        String written = Files.readString(endpoints);
        Files.writeString(Path.of("target/probe.txt"), uri + "\n" + written);
    }
}
