package com.example;

import java.time.Instant;
import java.util.List;

/** The event, sent as JSON: a record with nested records, a list and a timestamp. */
public record StockRequested(String requestId, List<Line> lines, Instant requestedAt) {

    /** One line of the request. */
    public record Line(String sku, int quantity) {}
}
