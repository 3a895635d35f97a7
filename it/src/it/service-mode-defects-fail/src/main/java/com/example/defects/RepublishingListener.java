package com.example.defects;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Defect: idempotent write, but the outgoing event is published on every redelivery. */
@Component
public class RepublishingListener {

    private final Shipments shipments;

    public RepublishingListener(Shipments shipments) {
        this.shipments = shipments;
    }

    @RabbitListener(queues = "shipments.republish")
    public void onShipment(Shipment s) {
        s.validate();
        shipments.store("republish", s);
        shipments.announce("republish", s);
    }
}
