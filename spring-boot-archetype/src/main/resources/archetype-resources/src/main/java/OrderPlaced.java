package ${package};

/** The event this service consumes, as JSON: {"orderId":"o-1","sku":"book","quantity":2}. */
public record OrderPlaced(String orderId, String sku, int quantity) {}
