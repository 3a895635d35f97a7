package com.example.store;

/** The order service's event, as JSON. */
public record OrderPlaced(String orderId, String customerId, String sku, int quantity) {

    /** Throws for an order no consumer can act on. */
    public void validate() {
        if (orderId == null || orderId.isBlank() || sku == null || sku.isBlank() || quantity <= 0) {
            throw new IllegalArgumentException("invalid order " + this);
        }
    }
}
