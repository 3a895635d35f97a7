package dev.eventcontracts.spring.kafkasamples;

/** The event the Kafka sample services consume. */
public record OrderPlaced(String orderId, String sku, int quantity) {}
