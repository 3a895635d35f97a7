package com.example.defects;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Defect: Spring's defaults, a failing message is requeued forever. */
@Component
public class RequeueForeverListener {

    private final Shipments shipments;

    public RequeueForeverListener(Shipments shipments) {
        this.shipments = shipments;
    }

    @RabbitListener(queues = "shipments.requeue", containerFactory = "requeueForever")
    public void onShipment(Shipment s) {
        s.validate();
        if (shipments.store("requeue", s)) {
            shipments.announce("requeue", s);
        }
    }
}
