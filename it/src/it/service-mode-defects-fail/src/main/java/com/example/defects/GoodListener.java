package com.example.defects;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Right: DLX, DLQ, retry with a recoverer, one announcement per shipment. */
@Component
public class GoodListener {

    private final Shipments shipments;

    public GoodListener(Shipments shipments) {
        this.shipments = shipments;
    }

    @RabbitListener(queues = "shipments.good")
    public void onShipment(Shipment s) {
        s.validate();
        if (shipments.store("good", s)) {
            shipments.announce("good", s);
        }
    }
}
