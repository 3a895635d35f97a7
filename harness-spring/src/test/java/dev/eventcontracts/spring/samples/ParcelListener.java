package dev.eventcontracts.spring.samples;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CorrelationData;
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
        CorrelationData correlation = new CorrelationData();
        template.convertAndSend("parcels", "parcel.stored", parcelId, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the confirm of parcel.stored " + parcelId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no confirm for parcel.stored " + parcelId, e);
        }
        if (!confirm.isAck()) {
            throw new IllegalStateException(
                    "broker did not confirm parcel.stored " + parcelId + ": " + confirm.getReason());
        }
    }
}
