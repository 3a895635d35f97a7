package com.example.kafkadefects;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class GoodListener {

    private final KafkaTemplate<Object, Object> kafka;

    GoodListener(KafkaTemplate<Object, Object> kafka) {
        this.kafka = kafka;
    }

    @KafkaListener(topics = "shipments.good", groupId = "good")
    void onShipment(Shipment shipment) {
        Shipments.store(shipment, kafka, "stored.good", false);
    }
}
