package com.example.stock;

/** A JSON event (a Java record, no Avro). */
public record StockRequested(String orderId, String sku, int quantity) {}
