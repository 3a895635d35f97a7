package ${package};

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The service's state: one reservation per order id, in the {@code reservations} table (H2 here,
 * your database in production). The insert is the duplicate check, so a restarted service and a
 * second instance on the same database both see what was reserved.
 */
@Component
public class Reservations {

    private final JdbcTemplate jdbc;

    public Reservations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves stock for the order; false when the order was already reserved (a redelivery). */
    public boolean reserve(OrderPlaced order) {
        try {
            jdbc.update(
                    "INSERT INTO reservations (order_id, sku, quantity) VALUES (?, ?, ?)",
                    order.orderId(),
                    order.sku(),
                    order.quantity());
            return true;
        } catch (DuplicateKeyException alreadyReserved) {
            return false;
        }
    }
}
