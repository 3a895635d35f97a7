package dev.eventcontracts.spring.samples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The sample services' listener: stores each parcel once (an idempotent write) and publishes
 * {@code parcel.stored}; with {@code publishEveryTime} it publishes on every delivery (the defect).
 */
public class ParcelListener {

    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final RabbitTemplate template;
    private final boolean publishEveryTime;

    public ParcelListener(RabbitTemplate template, boolean publishEveryTime) {
        this.template = template;
        this.publishEveryTime = publishEveryTime;
    }

    @RabbitListener(queues = "${parcels.queue:parcels.scanned}")
    public void onScanned(ParcelScanned event) {
        if (event.parcelId() == null || event.weightGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        boolean added = stored.add(event.parcelId());
        if (added || publishEveryTime) {
            template.convertAndSend("parcels", "parcel.stored", event.parcelId());
        }
    }
}
