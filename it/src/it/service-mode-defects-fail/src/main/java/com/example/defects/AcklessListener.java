package com.example.defects;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Defect: acknowledge-mode none. */
@Component
public class AcklessListener {

    private final Shipments shipments;

    public AcklessListener(Shipments shipments) {
        this.shipments = shipments;
    }

    @RabbitListener(queues = "shipments.ackless", containerFactory = "ackless")
    public void onShipment(Shipment s) {
        s.validate();
        if (shipments.store("ackless", s)) {
            shipments.announce("ackless", s);
        }
    }
}
