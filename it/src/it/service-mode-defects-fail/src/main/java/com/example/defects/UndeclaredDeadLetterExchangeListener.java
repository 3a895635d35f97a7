package com.example.defects;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Defect: its dead-letter exchange is declared by nobody. */
@Component
public class UndeclaredDeadLetterExchangeListener {

    private final Shipments shipments;

    public UndeclaredDeadLetterExchangeListener(Shipments shipments) {
        this.shipments = shipments;
    }

    @RabbitListener(queues = "shipments.nobody-dlx")
    public void onShipment(Shipment s) {
        s.validate();
        if (shipments.store("nobody-dlx", s)) {
            shipments.announce("nobody-dlx", s);
        }
    }
}
