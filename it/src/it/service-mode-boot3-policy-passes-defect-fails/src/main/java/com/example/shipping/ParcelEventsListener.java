package com.example.shipping;

import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** One queue, two event types: Spring AMQP picks the handler by payload type. */
@Component
@RabbitListener(queues = "${shipping.parcel-queue}")
public class ParcelEventsListener {

    private final Shipping shipping;

    public ParcelEventsListener(Shipping shipping) {
        this.shipping = shipping;
    }

    @RabbitHandler
    public void handle(ParcelScanned event) {
        if (event.parcelId() == null || event.parcelId().isBlank()) {
            throw new IllegalArgumentException("invalid scan " + event);
        }
        shipping.storeAndAnnounce(event.parcelId(), "parcel.tracked");
    }

    @RabbitHandler
    public void handle(ParcelLost event) {
        if (event.parcelId() == null || event.parcelId().isBlank()) {
            throw new IllegalArgumentException("invalid loss " + event);
        }
        shipping.storeAndAnnounce(event.parcelId(), "parcel.claim-opened");
    }
}
