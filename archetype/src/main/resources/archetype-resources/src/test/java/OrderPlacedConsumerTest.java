package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.orders.OrderPlaced;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderPlacedConsumerTest {

    private final OrderStore orders = new OrderStore();
    private final OrderPlacedConsumer consumer = new OrderPlacedConsumer(orders);

    @Test
    void onOrderPlaced_deliveredTwice_storesTheOrderOnce() {
        OrderPlaced order = order("o-1", 4200L);

        consumer.onOrderPlaced(order);
        consumer.onOrderPlaced(order);

        assertThat(orders.snapshot()).isEqualTo(Map.of("o-1", 4200L));
    }

    @Test
    void onOrderPlaced_withNegativeTotal_isRefused() {
        assertThatThrownBy(() -> consumer.onOrderPlaced(order("o-2", -1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order 'o-2' has a negative total '-1'.");
        assertThat(orders.size()).isZero();
    }

    private static OrderPlaced order(String orderId, long totalCents) {
        return OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("c-1")
                .setTotalCents(totalCents)
                .setPlacedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }
}
