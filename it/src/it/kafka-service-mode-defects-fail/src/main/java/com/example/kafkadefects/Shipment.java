package com.example.kafkadefects;

/** The event every listener reads. */
public record Shipment(String orderId, String sku, int quantity) {}
