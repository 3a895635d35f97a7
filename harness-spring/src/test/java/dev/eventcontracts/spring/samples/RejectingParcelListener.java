package dev.eventcontracts.spring.samples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Like the archetype's listener: rejects invalid events itself ({@code
 * AmqpRejectAndDontRequeueException}, so they are dead-lettered whatever the container's requeue
 * settings), stores and announces each parcel once.
 */
public class RejectingParcelListener {

    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final RabbitTemplate template;

    public RejectingParcelListener(RabbitTemplate template) {
        this.template = template;
    }

    @RabbitListener(queues = "parcels.scanned")
    public void onScanned(ParcelScanned event) {
        if (event.parcelId() == null || event.parcelId().isBlank() || event.weightGrams() <= 0) {
            throw new AmqpRejectAndDontRequeueException("invalid parcel event " + event);
        }
        if (stored.add(event.parcelId())) {
            template.convertAndSend("parcels", "parcel.stored", event.parcelId());
        }
    }
}
