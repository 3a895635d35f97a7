package ${package};

/** The event this service publishes once per order. */
public record StockReserved(String orderId, String sku, int quantity) {}
