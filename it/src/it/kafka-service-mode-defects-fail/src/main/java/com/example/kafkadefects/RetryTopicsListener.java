package com.example.kafkadefects;

import dev.eventcontracts.annotations.EventConsumer;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class RetryTopicsListener {

    private final KafkaTemplate<Object, Object> kafka;

    RetryTopicsListener(KafkaTemplate<Object, Object> kafka) {
        this.kafka = kafka;
    }

    @RetryableTopic(attempts = "3", backOff = @BackOff(delay = 200))
    @KafkaListener(topics = "shipments.retrytopics", groupId = "retrytopics")
    @EventConsumer(topic = "shipments.retrytopics", orderedBy = "orderId")
    void onShipment(Shipment shipment) {
        Shipments.store(shipment, kafka, "stored.retrytopics", false);
    }
}
