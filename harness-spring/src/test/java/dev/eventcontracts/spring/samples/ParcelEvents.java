package dev.eventcontracts.spring.samples;

import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A class-level listener: Spring AMQP dispatches each message to the {@code @RabbitHandler} whose
 * parameter takes the payload's type; both handlers are called {@code handle}. The queue is a SpEL
 * expression, which only the running container resolves. Each parcel is recorded once, in one step
 * with its outgoing event, which is published with confirms.
 */
@RabbitListener(queues = "#{'parcels.' + 'scanned'}")
public class ParcelEvents {

    private final ParcelStore store;
    private final RabbitTemplate template;

    /** Records parcels in {@code store} and waits for the confirm of each outgoing event. */
    public ParcelEvents(RabbitTemplate template, ParcelStore store) {
        this.template = template;
        this.store = store;
    }

    @RabbitHandler
    public void handle(ParcelScanned event) {
        if (event.parcelId() == null || event.weightGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        store.addThen(
                event.parcelId(), () -> ConfirmedPublish.send(template, "parcels", "parcel.stored", event.parcelId()));
    }

    @RabbitHandler
    public void handle(ParcelLost event) {
        if (event.parcelId() == null || event.parcelId().isBlank()) {
            throw new IllegalArgumentException("invalid lost-parcel event " + event);
        }
        store.addThen(
                "lost-" + event.parcelId(),
                () -> ConfirmedPublish.send(template, "parcels", "parcel.lost", event.parcelId()));
    }
}
