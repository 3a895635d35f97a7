package dev.eventcontracts.spring.samples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A class-level listener: Spring AMQP dispatches each message to the {@code @RabbitHandler} whose
 * parameter takes the payload's type; both handlers are called {@code handle}. The queue is a SpEL
 * expression, which only the running container resolves.
 */
@RabbitListener(queues = "#{'parcels.' + 'scanned'}")
public class ParcelEvents {

    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final RabbitTemplate template;

    public ParcelEvents(RabbitTemplate template) {
        this.template = template;
    }

    @RabbitHandler
    public void handle(ParcelScanned event) {
        if (event.parcelId() == null || event.weightGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        if (stored.add(event.parcelId())) {
            template.convertAndSend("parcels", "parcel.stored", event.parcelId());
        }
    }

    @RabbitHandler
    public void handle(ParcelLost event) {
        if (event.parcelId() == null || event.parcelId().isBlank()) {
            throw new IllegalArgumentException("invalid lost-parcel event " + event);
        }
        if (stored.add("lost-" + event.parcelId())) {
            template.convertAndSend("parcels", "parcel.lost", event.parcelId());
        }
    }
}
