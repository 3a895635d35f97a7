package dev.eventcontracts.broker.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The few admin API calls {@link Ctl} makes, with errors that name the URL and the fix. */
final class AdminHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminHttp(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null, Map.of()).body();
    }

    void put(String path, Object body) {
        send("PUT", path, body, Map.of());
    }

    void delete(String path, Map<String, String> headers) {
        send("DELETE", path, null, headers);
    }

    void post(String path, Object body) {
        send("POST", path, body, Map.of());
    }

    private Response send(String method, String path, Object body, Map<String, String> headers) {
        URI uri = base.resolve(path);
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15));
            headers.forEach(b::header);
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new CtlException(
                        Ctl.EX_SOFTWARE,
                        method + " " + uri + " answered " + r.statusCode() + ": "
                                + new String(r.body(), StandardCharsets.UTF_8));
            }
            return new Response(r.body().length == 0 ? "null".getBytes(StandardCharsets.UTF_8) : r.body());
        } catch (IOException e) {
            throw new CtlException(
                    Ctl.EX_UNAVAILABLE,
                    "cannot reach the harness broker's admin API at '" + base + "' (" + e + "); start the broker"
                            + " or pass its admin URL with --admin http://host:port (or set " + Ctl.ADMIN_ENV + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(Ctl.EX_SOFTWARE, "interrupted while calling " + uri);
        }
    }

    private record Response(byte[] bytes) {
        JsonNode body() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
