package dev.eventcontracts.spring.samples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Like the archetype's listener: rejects invalid events itself ({@code
 * AmqpRejectAndDontRequeueException}, so they are dead-lettered whatever the container's requeue
 * settings), stores and announces each parcel once, waiting for the broker's confirm of the
 * announcement (publisher confirms, {@code samples/confirms.properties}).
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
            CorrelationData correlation = new CorrelationData();
            template.convertAndSend("parcels", "parcel.stored", event.parcelId(), correlation);
            try {
                if (!correlation.getFuture().get(5, TimeUnit.SECONDS).isAck()) {
                    stored.remove(event.parcelId());
                    throw new IllegalStateException("broker did not confirm parcel.stored " + event.parcelId());
                }
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                stored.remove(event.parcelId());
                throw new IllegalStateException("no confirm for parcel.stored " + event.parcelId(), e);
            }
        }
    }
}
