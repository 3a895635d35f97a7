package com.example.kafkadefects;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.kafka.core.KafkaTemplate;

/** The shared work of the listeners: validate, store once (a static map stands in for a table), announce. */
final class Shipments {

    private static final Set<String> STORED = ConcurrentHashMap.newKeySet();

    private Shipments() {}

    static void store(Shipment s, KafkaTemplate<Object, Object> kafka, String announceTo, boolean everyTime) {
        if (s.orderId() == null || s.orderId().isBlank() || s.quantity() <= 0) {
            throw new IllegalArgumentException("invalid shipment " + s);
        }
        if (STORED.add(announceTo + "/" + s.orderId()) || everyTime) {
            kafka.send(announceTo, s.orderId(), s.orderId());
        }
    }
}
