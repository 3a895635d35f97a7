package dev.eventcontracts.registry.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.eventcontracts.registry.store.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves one API under a path prefix: decodes the request, reads the body up to a limit, finds
 * the route, and turns every failure into a 4xx answer with a message (5xx only for a storage
 * failure or a bug). Subclasses give the routes and the error body format.
 */
public abstract class ApiHandler implements HttpHandler {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final long maxBodyBytes;
    private List<Route> routes;

    protected ApiHandler(String prefix, long maxBodyBytes) {
        this.prefix = prefix;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The endpoints of this API. */
    protected abstract List<Route> routes();

    /** Renders a failure in this API's error format. */
    protected abstract HttpReply error(int status, String name, String message, RegistryException cause);

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpReply reply;
        try {
            reply = dispatch(exchange);
        } catch (HttpProblem e) {
            reply = error(e.status(), e.name(), e.getMessage(), null);
        } catch (RegistryException e) {
            reply = error(status(e.kind()), e.kind().apicurioName(), e.getMessage(), e);
        } catch (RuntimeException e) {
            reply = error(
                    500,
                    "RegistryException",
                    "Internal error while handling " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                            + ": " + e,
                    null);
        }
        send(exchange, reply);
    }

    private HttpReply dispatch(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rest = rawPath.length() > prefix.length() ? rawPath.substring(prefix.length()) : "";
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(Codec.percentDecode(segment));
            }
        }
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        if (routes == null) {
            routes = routes();
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(segments);
            if (params != null) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    byte[] body = readBody(exchange);
                    HttpCall call = new HttpCall(
                            method,
                            segments,
                            Codec.query(exchange.getRequestURI().getRawQuery()),
                            exchange.getRequestHeaders(),
                            body);
                    return route.handler().handle(call, params);
                }
            }
        }
        drain(exchange);
        if (pathKnown) {
            throw new HttpProblem(
                    405, "MethodNotAllowedException", "Method " + method + " is not allowed on '" + rawPath + "'.");
        }
        throw new HttpProblem(
                404,
                "NotFoundException",
                "No endpoint at '" + rawPath + "'. See docs/registry.md for the supported API.");
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw HttpProblem.badRequest("Invalid Content-Length '" + declared + "'.");
            }
            if (length > maxBodyBytes) {
                drain(exchange);
                throw tooLarge(declared + " bytes");
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            if (out.size() > maxBodyBytes) {
                drain(exchange);
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
        }
        return out.toByteArray();
    }

    private HttpProblem tooLarge(String size) {
        return new HttpProblem(
                413,
                "LimitExceededException",
                "The request body is too large (" + size + "); the limit is " + maxBodyBytes
                        + " bytes. Send one schema per request.");
    }

    /**
     * Reads and discards the rest of the request body, so the answer is not lost to a connection
     * reset; a body past 64 MiB is left unread and the connection is closed after the answer.
     */
    private static void drain(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[65536];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > 64L * 1024 * 1024) {
                exchange.getResponseHeaders().set("Connection", "close");
                return;
            }
        }
    }

    private static void send(HttpExchange exchange, HttpReply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    /** The HTTP status Apicurio answers with for each kind of failure. */
    public static int status(RegistryException.Kind kind) {
        return switch (kind) {
            case ARTIFACT_NOT_FOUND, VERSION_NOT_FOUND, CONTENT_NOT_FOUND, RULE_NOT_FOUND -> 404;
            case ARTIFACT_ALREADY_EXISTS,
                    VERSION_ALREADY_EXISTS,
                    RULE_ALREADY_EXISTS,
                    RULE_VIOLATION,
                    PARAMETERS_CONFLICT -> 409;
            case BAD_REQUEST,
                    MISSING_REQUIRED_PARAMETER,
                    INVALID_PROPERTY_VALUE,
                    INVALID_ARTIFACT_TYPE,
                    INVALID_ARTIFACT_ID,
                    INVALID_GROUP_ID -> 400;
            case UNPROCESSABLE_SCHEMA -> 422;
            case LIMIT_EXCEEDED -> 413;
            case STORAGE -> 500;
        };
    }

    /** A JSON reply. */
    protected static HttpReply json(int status, Object value) {
        try {
            return new HttpReply(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render a response", e);
        }
    }

    /** An ordered map for JSON objects, nulls included. */
    protected static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /** The body as UTF-8. */
    protected static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
