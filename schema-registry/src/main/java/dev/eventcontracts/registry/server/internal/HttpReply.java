package dev.eventcontracts.registry.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response to send: status, content type, body and extra headers.
 *
 * @param body the body, or {@code null} for none (204)
 */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** A 204 with no body. */
    public static HttpReply noContent() {
        return new HttpReply(204, null, null, Map.of());
    }

    /** A text body with the given status and media type. */
    public static HttpReply text(int status, String contentType, String text) {
        return new HttpReply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The same reply with one more header. */
    public HttpReply withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new HttpReply(status, contentType, body, all);
    }
}
