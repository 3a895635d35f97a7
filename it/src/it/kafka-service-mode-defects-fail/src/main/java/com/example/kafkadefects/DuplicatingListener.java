package com.example.kafkadefects;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class DuplicatingListener {

    private final KafkaTemplate<Object, Object> kafka;

    DuplicatingListener(KafkaTemplate<Object, Object> kafka) {
        this.kafka = kafka;
    }

    @KafkaListener(topics = "shipments.duplicating", groupId = "duplicating")
    void onShipment(Shipment shipment) {
        Shipments.store(shipment, kafka, "stored.duplicating", true);
    }
}
