package dev.eventcontracts.registry.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request, decoded: method, path segments below the API prefix (percent-decoded, {@code +}
 * kept as is, as JAX-RS does), query parameters, headers (looked up case-insensitively) and the
 * body (already size-checked).
 */
public record HttpCall(
        String method,
        List<String> segments,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body) {

    /** The first value of a query parameter, or {@code null}. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated query parameter. */
    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** An integer query parameter, or the default. */
    public int queryInt(String name, int defaultValue) {
        String value = query(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(
                    "Query parameter '" + name + "' must be a whole number, but is '" + value + "'.");
        }
    }

    /** A long query parameter, or {@code null}. */
    public Long queryLong(String name) {
        String value = query(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return parseLong(name, value);
    }

    /** A header value, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The media type of the body, lower case, without parameters; empty when absent. */
    public String mediaType() {
        String value = header("Content-Type");
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Parses a path or query value as a long, or answers 400 naming it. */
    public static long parseLong(String what, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("'" + what + "' must be a whole number, but is '" + value + "'.");
        }
    }
}
