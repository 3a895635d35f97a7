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

    public AvroParcelListener(RabbitTemplate template, ParcelStore store) {
        this.template = template;
        this.store = store;
    }

    @RabbitListener(queues = "parcels.scanned")
    public void onWeighed(ParcelWeighed event) {
        if (event.getParcelId().isBlank() || event.getGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        String parcelId = event.getParcelId().toString();
        store.addThen(parcelId, () -> ConfirmedPublish.send(template, "parcels", "parcel.weighed", parcelId));
    }
}
