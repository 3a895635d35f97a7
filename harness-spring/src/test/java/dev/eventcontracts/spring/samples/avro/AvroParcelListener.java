package dev.eventcontracts.spring.samples.avro;

import dev.eventcontracts.spring.samples.ConfirmedPublish;
import dev.eventcontracts.spring.samples.ParcelStore;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Stores each weighed parcel once and announces it once, in one step with the store and with
 * publisher confirms; rejects blank events.
 */
public class AvroParcelListener {

    private final ParcelStore store;
    private final RabbitTemplate template;
    private final boolean publishEveryTime;

    public AvroParcelListener(RabbitTemplate template, ParcelStore store) {
        this(template, store, false);
    }

    /** @param publishEveryTime announce the parcel on every delivery, repeats included (the defect) */
    public AvroParcelListener(RabbitTemplate template, ParcelStore store, boolean publishEveryTime) {
        this.template = template;
        this.store = store;
        this.publishEveryTime = publishEveryTime;
    }

    @RabbitListener(queues = "parcels.scanned")
    public void onWeighed(ParcelWeighed event) {
        if (event.getParcelId().isBlank() || event.getGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        String parcelId = event.getParcelId().toString();
        boolean added =
                store.addThen(parcelId, () -> ConfirmedPublish.send(template, "parcels", "parcel.weighed", parcelId));
        if (!added && publishEveryTime) {
            ConfirmedPublish.send(template, "parcels", "parcel.weighed", parcelId);
        }
    }
}
