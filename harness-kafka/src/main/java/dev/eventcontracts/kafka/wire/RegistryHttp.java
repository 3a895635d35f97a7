package dev.eventcontracts.kafka.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP side both schema lookups share (the ccompat one and the Apicurio v2 one, docs/kafka.md
 * §2): one client per registry base, every failure a {@link WireFormatException} that names the
 * registry.
 */
final class RegistryHttp {

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttp(URI base, Duration timeout) {
        String text = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** A request to {@code path}, relative to the base. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    /** The base without its trailing slash, for messages. */
    String location() {
        String text = base.toString();
        return text.substring(0, text.length() - 1);
    }

    String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED,
                    "The registry at " + location() + " did not answer: " + e
                            + ". Check eventcontracts.registry.uri and that the registry runs.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED, "Interrupted calling " + location(), e);
        }
    }

    /** Fails unless the answer is 2xx; {@code what} says what was asked, e.g. {@code "schema id 7"}. */
    void requireOk(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED,
                    "The registry at " + location() + " refused " + what + ": HTTP " + response.statusCode() + " "
                            + response.body(),
                    null);
        }
    }

    /** The 2xx answer's JSON body. */
    JsonNode ok(HttpResponse<String> response, String what) {
        requireOk(response, what);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED,
                    "The registry at " + location() + " answered " + what + " with something that is not JSON: "
                            + response.body(),
                    e);
        }
    }
}
