package com.example.store.inventory;

import com.example.store.events.OrderLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stock service's HTTP API: {@code POST {base}/stock/reservations} with the order's lines. The
 * order id travels as {@code Idempotency-Key}, so the stock service can recognise a repeated call.
 */
public final class StockClient {

    private final HttpClient http;
    private final URI reservations;
    private final Duration timeout;

    /** A client of the stock service at {@code baseUri}, e.g. {@code http://stock:8080}. */
    public StockClient(HttpClient http, URI baseUri, Duration timeout) {
        this.http = http;
        this.reservations = baseUri.resolve("/stock/reservations");
        this.timeout = timeout;
    }

    /**
     * Reserves stock for every line of {@code orderId}.
     *
     * @throws StockServiceException when the stock service answers with an error status (retryable)
     * @throws UncheckedIOException when it cannot be reached (retryable)
     */
    public void reserve(String orderId, List<OrderLine> lines) {
        HttpRequest request = HttpRequest.newBuilder(reservations)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", orderId)
                .POST(HttpRequest.BodyPublishers.ofString(json(orderId, lines)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Stock service at '" + reservations + "' is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while calling the stock service", e));
        }
        if (response.statusCode() / 100 != 2) {
            throw new StockServiceException("Stock service answered " + response.statusCode() + " to reserving order '"
                    + orderId + "' at '" + reservations + "': " + response.body());
        }
    }

    static String json(String orderId, List<OrderLine> lines) {
        String items = lines.stream()
                .map(l -> "{\"sku\":" + quote(l.getSku()) + ",\"quantity\":" + l.getQuantity() + "}")
                .collect(Collectors.joining(","));
        return "{\"orderId\":" + quote(orderId) + ",\"lines\":[" + items + "]}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
