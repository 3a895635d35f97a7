#if( $broker == "kafka" )
package ${package};

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Reserves stock for each order placed and announces it on {@code stock.reserved}, once per
 * order: a record delivered again (a producer retry, a lost offset commit, a replay after a
 * restart) changes nothing and produces nothing.
 */
@Component
public class OrderPlacedListener {

    private final Reservations reservations;
    private final KafkaTemplate<Object, Object> kafka;

    public OrderPlacedListener(Reservations reservations, KafkaTemplate<Object, Object> kafka) {
        this.reservations = reservations;
        this.kafka = kafka;
    }

    @KafkaListener(topics = KafkaConfig.TOPIC, groupId = "inventory-service")
    public void onOrderPlaced(OrderPlaced order) {
        if (order.orderId() == null || order.orderId().isBlank() || order.quantity() <= 0) {
            // permanent: not retried (KafkaConfig#errorHandler), straight to the dead-letter topic
            throw new IllegalArgumentException("invalid order " + order);
        }
        if (reservations.reserve(order)) {
            kafka.send(KafkaConfig.STOCK_RESERVED, order.orderId(),
                    new StockReserved(order.orderId(), order.sku(), order.quantity()));
        }
    }
}
#else
package ${package};

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserves stock for each order placed and announces it with {@code stock.reserved}, once per
 * order: a redelivered order changes nothing and publishes nothing. The reservation and the
 * confirmed publish are one step: when the broker does not confirm the event, the reservation is
 * rolled back and the order retried (then dead-lettered), never acknowledged with its event lost.
 */
@Component
public class OrderPlacedListener {

    private final Reservations reservations;
    private final RabbitTemplate rabbit;
    private final TransactionTemplate transactions;

    public OrderPlacedListener(Reservations reservations, RabbitTemplate rabbit, TransactionTemplate transactions) {
        this.reservations = reservations;
        this.rabbit = rabbit;
        this.transactions = transactions;
    }

    @RabbitListener(queues = RabbitConfig.QUEUE)
    public void onOrderPlaced(OrderPlaced order) {
        if (order.orderId() == null || order.orderId().isBlank() || order.quantity() <= 0) {
            // permanent: straight to the dead-letter queue, no retries
            throw new AmqpRejectAndDontRequeueException("invalid order " + order);
        }
        transactions.executeWithoutResult(tx -> {
            if (reservations.reserve(order)) {
                publishConfirmed(new StockReserved(order.orderId(), order.sku(), order.quantity()));
            }
        });
    }

    /** Publishes and waits for the broker's confirm (spring.rabbitmq.publisher-confirm-type: correlated). */
    private void publishConfirmed(StockReserved event) {
        CorrelationData correlation = new CorrelationData(event.orderId());
        rabbit.convertAndSend(RabbitConfig.EVENTS, "stock.reserved", event, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted waiting for the confirm of stock.reserved " + event.orderId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("no confirm for stock.reserved " + event.orderId(), e);
        }
        if (!confirm.isAck()) {
            throw new AmqpException("the broker did not confirm stock.reserved " + event.orderId() + ": "
                    + confirm.getReason());
        }
    }
}
#end
