package dev.eventcontracts.broker.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sets and clears policies on a conformance target: on the harness through its management API
 * ({@code PUT/DELETE /api/policies/%2F/{name}}, the shape {@code rabbitmqctl}-like tools send), on
 * RabbitMQ with {@code rabbitmqctl set_policy/clear_policy} (its management plugin is not enabled
 * here).
 */
final class PolicyControl {
    /** What a set or clear answered: success, and RabbitMQ's (or the API's) error text. */
    record Outcome(boolean ok, String error) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Target target;
    private final URI admin;

    PolicyControl(Target target, URI admin) {
        this.target = target;
        this.admin = admin;
    }

    /** Whether {@code rabbitmqctl} can be run here (for the oracle half). */
    static boolean rabbitmqctlAvailable() {
        return Files.isExecutable(Path.of("/usr/sbin/rabbitmqctl"))
                || Files.isExecutable(Path.of("/usr/bin/rabbitmqctl"));
    }

    Outcome set(String name, String pattern, String definitionJson, String applyTo, int priority) {
        if (target.oracle()) {
            return rabbitmqctl(
                    "set_policy",
                    "--apply-to",
                    applyTo,
                    "--priority",
                    String.valueOf(priority),
                    name,
                    pattern,
                    definitionJson);
        }
        String body = "{\"pattern\":" + quote(pattern) + ",\"definition\":" + definitionJson + ",\"priority\":"
                + priority + ",\"apply-to\":" + quote(applyTo) + "}";
        return http("PUT", name, body);
    }

    Outcome clear(String name) {
        if (target.oracle()) {
            return rabbitmqctl("clear_policy", name);
        }
        return http("DELETE", name, null);
    }

    private Outcome http(String method, String name, String body) {
        URI uri = admin.resolve("/api/policies/%2F/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        b = body == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = r.statusCode() / 100 == 2;
            return new Outcome(
                    ok,
                    ok
                            ? ""
                            : new com.fasterxml.jackson.databind.ObjectMapper()
                                    .readTree(r.body())
                                    .path("reason")
                                    .asText());
        } catch (IOException e) {
            throw new AssertionError("admin request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Outcome rabbitmqctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "--quiet"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("rabbitmqctl " + String.join(" ", args) + " did not finish within 30 s");
            }
            return new Outcome(p.exitValue() == 0, out);
        } catch (IOException e) {
            throw new AssertionError("cannot run rabbitmqctl: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
