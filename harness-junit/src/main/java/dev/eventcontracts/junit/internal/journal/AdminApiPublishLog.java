package dev.eventcontracts.junit.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The publish journal of a harness broker in another process (started by the plugin's {@code
 * start} goal), read from its admin API: {@code GET <admin>/api/journal?after=N&limit=M}.
 */
public final class AdminApiPublishLog implements PublishLog {

    private static final int PAGE = 10_000;

    private final URI admin;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    /** Reads the journal of the broker whose admin API is at {@code admin}, e.g. {@code http://127.0.0.1:40124}. */
    public AdminApiPublishLog(URI admin) {
        this.admin = admin;
    }

    @Override
    public long mark() {
        return get(Long.MAX_VALUE - 1, 1).path("last_sequence").asLong();
    }

    @Override
    public List<Published> since(long mark) {
        List<Published> out = new ArrayList<>();
        for (JsonNode r : get(mark, PAGE).path("records")) {
            JsonNode payload = r.path("payload");
            out.add(new Published(
                    r.path("sequence").asLong(),
                    r.path("exchange").asText(),
                    r.path("routing_key").asText(),
                    r.path("connection_name").asText(""),
                    payload.isTextual() ? Base64.getDecoder().decode(payload.asText()) : null,
                    r.path("payload_bytes").asInt()));
        }
        return out;
    }

    private JsonNode get(long after, int limit) {
        URI uri = admin.resolve("/api/journal?after=" + after + "&limit=" + limit);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the publish journal at '" + uri + "': " + e.getMessage()
                            + ". Check eventcontracts.admin.uri names the harness broker's admin API.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the publish journal at '" + uri + "'", e);
        }
    }

    @Override
    public String describe() {
        return "the publish journal of the harness broker at " + admin;
    }
}
