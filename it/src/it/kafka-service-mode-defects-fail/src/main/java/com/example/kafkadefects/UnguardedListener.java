package com.example.kafkadefects;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class UnguardedListener {

    private final KafkaTemplate<Object, Object> kafka;

    UnguardedListener(KafkaTemplate<Object, Object> kafka) {
        this.kafka = kafka;
    }

    @KafkaListener(topics = "shipments.unguarded", groupId = "unguarded", containerFactory = "unguardedFactory")
    void onShipment(Shipment shipment) {
        Shipments.store(shipment, kafka, "stored.unguarded", false);
    }
}
