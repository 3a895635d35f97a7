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
