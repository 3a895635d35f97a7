package dev.eventcontracts.spring.samples;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The sample services' listener: stores each parcel once (an idempotent write) and publishes
 * {@code parcel.stored}; with {@code publishEveryTime} it publishes on every delivery (the defect).
 * The record of stored parcels is in memory (lost on a restart, not shared by a second instance)
 * unless a durable {@link ParcelStore} is given.
 */
public class ParcelListener {

    private final ParcelStore store;
    private final RabbitTemplate template;
    private final boolean publishEveryTime;
    private final boolean confirmPublishes;

    public ParcelListener(RabbitTemplate template, boolean publishEveryTime) {
        this(template, ParcelStore.inMemory(), publishEveryTime, false);
    }

    /**
     * @param confirmPublishes wait for the broker's confirm of the outgoing event (needs {@code
     *     spring.rabbitmq.publisher-confirm-type=correlated}) and fail the delivery on a nack
     */
    public ParcelListener(
            RabbitTemplate template, ParcelStore store, boolean publishEveryTime, boolean confirmPublishes) {
        this.template = template;
        this.store = store;
        this.publishEveryTime = publishEveryTime;
        this.confirmPublishes = confirmPublishes;
    }

    @RabbitListener(queues = "${parcels.queue:parcels.scanned}")
    public void onScanned(ParcelScanned event) {
        if (event.parcelId() == null || event.weightGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        boolean added = store.addThen(event.parcelId(), () -> publish(event.parcelId()));
        if (!added && publishEveryTime) {
            publish(event.parcelId());
        }
    }

    private void publish(String parcelId) {
        if (!confirmPublishes) {
            template.convertAndSend("parcels", "parcel.stored", parcelId);
            return;
        }
        ConfirmedPublish.send(template, "parcels", "parcel.stored", parcelId);
    }
}
