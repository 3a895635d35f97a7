package com.example.store;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * The store's outgoing events, published to exchange {@code store} with a publisher confirm
 * ({@code spring.rabbitmq.publisher-confirm-type: correlated}): a publish the broker does not
 * confirm throws, so the delivery that caused it is retried or dead-lettered, never acknowledged
 * with its event lost.
 */
@Component
public class Events {

    private final RabbitTemplate rabbit;

    public Events(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /** Publishes {@code orderId} with {@code routingKey} and waits for the broker's confirm. */
    public void publish(String routingKey, String orderId) {
        CorrelationData correlation = new CorrelationData(routingKey + "/" + orderId);
        rabbit.convertAndSend("store", routingKey, orderId, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted waiting for the confirm of " + routingKey + " " + orderId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("no confirm for " + routingKey + " " + orderId, e);
        }
        if (!confirm.isAck()) {
            throw new AmqpException("the broker did not confirm " + routingKey + " " + orderId + ": " + confirm.getReason());
        }
    }
}
