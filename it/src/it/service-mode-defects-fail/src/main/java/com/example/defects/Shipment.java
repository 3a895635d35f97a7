package com.example.defects;

/** The event every listener reads, as JSON. */
public record Shipment(String shipmentId, String address, int weightGrams) {

    void validate() {
        if (shipmentId == null || shipmentId.isBlank() || weightGrams <= 0) {
            throw new IllegalArgumentException("invalid shipment " + this);
        }
    }
}
