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

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Reserves stock for each order placed and announces it with {@code stock.reserved}, once per
 * order: a redelivered order changes nothing and publishes nothing.
 */
@Component
public class OrderPlacedListener {

    private final Reservations reservations;
    private final RabbitTemplate rabbit;

    public OrderPlacedListener(Reservations reservations, RabbitTemplate rabbit) {
        this.reservations = reservations;
        this.rabbit = rabbit;
    }

    @RabbitListener(queues = RabbitConfig.QUEUE)
    public void onOrderPlaced(OrderPlaced order) {
        if (order.orderId() == null || order.orderId().isBlank() || order.quantity() <= 0) {
            // permanent: straight to the dead-letter queue, no retries
            throw new AmqpRejectAndDontRequeueException("invalid order " + order);
        }
        if (reservations.reserve(order)) {
            rabbit.convertAndSend(
                    RabbitConfig.EVENTS, "stock.reserved", new StockReserved(order.orderId(), order.sku(), order.quantity()));
        }
    }
}
#end
