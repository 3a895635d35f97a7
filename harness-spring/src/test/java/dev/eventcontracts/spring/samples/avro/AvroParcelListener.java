package dev.eventcontracts.spring.samples.avro;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Stores each weighed parcel once and announces it once; rejects blank events. */
public class AvroParcelListener {

    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final RabbitTemplate template;

    public AvroParcelListener(RabbitTemplate template) {
        this.template = template;
    }

    @RabbitListener(queues = "parcels.scanned")
    public void onWeighed(ParcelWeighed event) {
        if (event.getParcelId().isBlank() || event.getGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        if (stored.add(event.getParcelId())) {
            template.convertAndSend("parcels", "parcel.weighed", event.getParcelId());
        }
    }
}
