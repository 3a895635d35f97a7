package com.example.shipping;

/** An order to ship. */
public record OrderPlaced(String orderId, String customer, int items) {

    void validate() {
        if (orderId == null || orderId.isBlank() || items <= 0) {
            throw new IllegalArgumentException("invalid order " + this);
        }
    }
}
