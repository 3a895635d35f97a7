package com.example.kafkadefects;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class SkippingListener {

    private final KafkaTemplate<Object, Object> kafka;

    SkippingListener(KafkaTemplate<Object, Object> kafka) {
        this.kafka = kafka;
    }

    @KafkaListener(topics = "shipments.skipping", groupId = "skipping", containerFactory = "skippingFactory")
    void onShipment(Shipment shipment) {
        Shipments.store(shipment, kafka, "stored.skipping", false);
    }
}
