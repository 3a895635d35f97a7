package dev.eventcontracts.spring.samples;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * How the right sample services publish: with publisher confirms ({@code
 * samples/confirms.properties}), waiting for the broker's confirm and failing the delivery when
 * the publish was refused or not confirmed in time.
 */
public final class ConfirmedPublish {

    private ConfirmedPublish() {}

    /** Publishes {@code payload} and returns once the broker confirmed it; throws otherwise. */
    public static void send(RabbitTemplate template, String exchange, String routingKey, Object payload) {
        CorrelationData correlation = new CorrelationData();
        template.convertAndSend(exchange, routingKey, payload, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the confirm of " + routingKey + " " + payload, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no confirm for " + routingKey + " " + payload, e);
        }
        if (!confirm.isAck()) {
            throw new IllegalStateException(
                    "broker did not confirm " + routingKey + " " + payload + ": " + confirm.getReason());
        }
    }
}
