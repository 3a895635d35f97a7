package dev.eventcontracts.registry.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.registry.store.JsonErrors;
import dev.eventcontracts.registry.store.RegistryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves one API under a path prefix: decodes the path, finds the route, and turns every failure
 * into a 4xx answer with a message (5xx only for a storage failure or a bug). Subclasses give the
 * routes and the error body format; {@link RequestHandler} brings the requests.
 */
public abstract class ApiHandler {

    protected static final ObjectMapper JSON = JsonErrors.strictMapper();

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

    /** Whether {@code rawPath} belongs to this API. */
    public boolean owns(String rawPath) {
        return rawPath.equals(prefix) || rawPath.startsWith(prefix + "/");
    }

    /** A failure at the HTTP level (bad request line, body too large) in this API's error format. */
    public HttpReply problem(int status, String name, String message) {
        return error(status, name, message, null);
    }

    /**
     * Answers one complete request. Every client mistake becomes a 4xx in this API's error format;
     * a 5xx only for a storage failure or a bug, and then the server goes on serving.
     *
     * @param headers the request headers, looked up case-insensitively
     */
    public HttpReply serve(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        try {
            return dispatch(method, rawPath, rawQuery, headers, body);
        } catch (HttpProblem e) {
            return error(e.status(), e.name(), e.getMessage(), null);
        } catch (RegistryException e) {
            return error(status(e.kind()), e.kind().apicurioName(), e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            return error(
                    500,
                    "RegistryException",
                    "Internal error while handling " + method + " " + rawPath + ": " + e,
                    null);
        }
    }

    private HttpReply dispatch(
            String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        String rest = rawPath.length() > prefix.length() ? rawPath.substring(prefix.length()) : "";
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(Codec.percentDecode(segment));
            }
        }
        if (routes == null) {
            routes = routes();
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(segments);
            if (params != null) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    if (body.length > maxBodyBytes) {
                        throw new HttpProblem(
                                413,
                                "LimitExceededException",
                                "The request body is too large (" + body.length + " bytes); the limit is "
                                        + maxBodyBytes + " bytes. Send one schema per request.");
                    }
                    HttpCall call = new HttpCall(method, segments, Codec.query(rawQuery), headers, body);
                    return route.handler().handle(call, params);
                }
            }
        }
        if (pathKnown) {
            throw new HttpProblem(
                    405, "MethodNotAllowedException", "Method " + method + " is not allowed on '" + rawPath + "'.");
        }
        throw new HttpProblem(
                404,
                "NotFoundException",
                "No endpoint at '" + rawPath + "'. See docs/registry.md for the supported API.");
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
    public static HttpReply json(int status, Object value) {
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
