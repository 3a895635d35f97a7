package ${package};

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The service's state: one reservation per order id (in memory here; a table in a real service). */
@Component
public class Reservations {

    private final Map<String, OrderPlaced> byOrder = new ConcurrentHashMap<>();

    /** Reserves stock for the order; false when the order was already reserved (a redelivery). */
    public boolean reserve(OrderPlaced order) {
        return byOrder.putIfAbsent(order.orderId(), order) == null;
    }
}
