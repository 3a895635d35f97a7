package com.example.defects;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Defect: its queue has no dead-letter exchange. */
@Component
public class NoDeadLetterExchangeListener {

    private final Shipments shipments;

    public NoDeadLetterExchangeListener(Shipments shipments) {
        this.shipments = shipments;
    }

    @RabbitListener(queues = "shipments.no-dlx")
    public void onShipment(Shipment s) {
        s.validate();
        if (shipments.store("no-dlx", s)) {
            shipments.announce("no-dlx", s);
        }
    }
}
