package dev.eventcontracts.plugin.report.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.plugin.asyncapi.AsyncApiDocument;
import dev.eventcontracts.plugin.asyncapi.AsyncApiYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The exchange routes of each consumer, read from the {@code asyncapi.yaml} that {@code
 * generate-asyncapi} wrote: each receive operation names its consumer ({@value
 * AsyncApiDocument#CONSUMER_EXTENSION}) and its exchange; the exchange's channel gives the type. No
 * file (the goal did not run) means no routes: the flow then starts at the queues.
 *
 * @param byConsumer routes by consumer id ({@code <class>#<handler>})
 * @param note why there are no routes, for the report, or null
 */
public record FlowRoutes(Map<String, Route> byConsumer, String note) {

    /** Copies the map. */
    public FlowRoutes {
        byConsumer = Map.copyOf(byConsumer);
    }

    /** No routes, for when no document is at hand. */
    public static FlowRoutes none(String note) {
        return new FlowRoutes(Map.of(), note);
    }

    /** The route of a consumer, if it has an exchange. */
    public Optional<Route> of(String consumerId) {
        return Optional.ofNullable(byConsumer.get(consumerId));
    }

    /** Reads {@code file}; a missing or unreadable file gives no routes and a note saying so. */
    public static FlowRoutes read(Path file) {
        if (!Files.isRegularFile(file)) {
            return none("No asyncapi.yaml: add the generate-asyncapi goal to draw the exchanges.");
        }
        JsonNode doc;
        try {
            doc = new AsyncApiYaml().read(file);
        } catch (IOException | RuntimeException e) {
            return none("asyncapi.yaml cannot be read (" + e.getMessage() + "): the exchanges are not drawn.");
        }
        Map<String, String> exchangeTypes = new TreeMap<>();
        for (JsonNode channel : doc.path("channels")) {
            JsonNode exchange = channel.path("bindings").path("amqp").path("exchange");
            if (exchange.hasNonNull("name")) {
                exchangeTypes.put(
                        exchange.path("name").asText(), exchange.path("type").asText("topic"));
            }
        }
        Map<String, Route> routes = new TreeMap<>();
        for (Iterator<JsonNode> it = doc.path("operations").elements(); it.hasNext(); ) {
            JsonNode contract = it.next().path(AsyncApiDocument.CONSUMER_EXTENSION);
            String id = contract.path("id").asText("");
            String exchange = contract.path("exchange").asText("");
            if (!id.isEmpty() && !exchange.isEmpty()) {
                routes.put(
                        id,
                        new Route(
                                exchange,
                                exchangeTypes.getOrDefault(exchange, "topic"),
                                contract.path("routingKey").asText("")));
            }
        }
        return new FlowRoutes(routes, null);
    }
}
