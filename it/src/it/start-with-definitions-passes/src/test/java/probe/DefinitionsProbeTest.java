package probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the topology the broker loaded from the definitions file through its admin API; records it for verify.groovy. */
class DefinitionsProbeTest {

    private static String get(String admin, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(admin + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + " answers: " + r.body());
        return r.body();
    }

    @Test
    void productionTopology_isLoaded() throws Exception {
        String admin = System.getProperty("eventcontracts.admin.uri");
        assertNotNull(admin, "eventcontracts.admin.uri is passed by surefire's systemPropertyVariables");
        String queue = get(admin, "/api/queues/%2F/inventory.order-placed");
        assertTrue(queue.contains("\"policy\":\"dead-letters\""), "the policy applies to the queue: " + queue);
        String definitions = get(admin, "/api/definitions");
        assertTrue(definitions.contains("\"name\":\"orders-app\""), "the user was loaded: " + definitions);
        assertTrue(definitions.contains("\"routing_key\":\"order.placed\""), "the binding was loaded: " + definitions);
        Files.writeString(Path.of("target/probe.txt"), queue + "\n" + definitions);
    }
}
