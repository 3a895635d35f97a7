package dev.eventcontracts.spring.kafkasamples.retrytopics;

import dev.eventcontracts.spring.kafkasamples.OrderPlaced;
import dev.eventcontracts.spring.kafkasamples.ShipmentListener;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.core.KafkaTemplate;

/** The shipment listener with non-blocking retries: failed records go to retry topics, later ones overtake them. */
public class RetryingShipmentListener {

    private final ShipmentListener shipments;

    public RetryingShipmentListener(KafkaTemplate<Object, Object> template, String cluster) {
        this.shipments = new ShipmentListener(template, cluster, true);
    }

    @RetryableTopic(attempts = "3", backOff = @BackOff(delay = 200))
    @KafkaListener(topics = "${orders.topic}", groupId = "${orders.topic}.shipping")
    public void onOrder(OrderPlaced event) {
        shipments.ship(event);
    }
}
