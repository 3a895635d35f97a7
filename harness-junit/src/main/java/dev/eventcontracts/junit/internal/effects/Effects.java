package dev.eventcontracts.junit.internal.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The observable effects of one run: messages the consumer published, HTTP requests it sent to
 * the stub server, and the fixture's state, each normalised (volatile paths removed) so that two
 * runs compare with {@code equals}.
 *
 * @param messages published messages, in publish order
 * @param http HTTP requests, in arrival order
 * @param state the fixture state as a JSON tree ({@code null} node when the fixture has none)
 */
public record Effects(List<Message> messages, List<HttpCall> http, JsonNode state) {

    /** Copies the lists. */
    public Effects {
        messages = List.copyOf(messages);
        http = List.copyOf(http);
    }

    /**
     * A message the consumer published.
     *
     * @param exchange the exchange the consumer named
     * @param routingKey the routing key
     * @param body the normalised body (canonical JSON, or text, or base64)
     */
    public record Message(String exchange, String routingKey, String body) {}

    /**
     * An HTTP request the consumer sent.
     *
     * @param method the method
     * @param path the URL path and query
     * @param body the normalised body
     */
    public record HttpCall(String method, String path, String body) {}
}
