package ${package};

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

#if( $broker == "kafka" )
/**
 * The service's state: one reservation per order id. A table in a real service; here a static map
 * stands in for it, so it outlives a restart of the service as a table would (the contract tests
 * replay records after a restart and on a second instance of the service).
 */
@Component
public class Reservations {

    private static final Map<String, OrderPlaced> byOrder = new ConcurrentHashMap<>();
#else
/** The service's state: one reservation per order id (in memory here; a table in a real service). */
@Component
public class Reservations {

    private final Map<String, OrderPlaced> byOrder = new ConcurrentHashMap<>();
#end

    /** Reserves stock for the order; false when the order was already reserved (a redelivery). */
    public boolean reserve(OrderPlaced order) {
        return byOrder.putIfAbsent(order.orderId(), order) == null;
    }
}
