package ${package};

import com.example.orders.OrderPlaced;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import java.time.Instant;
import java.util.List;

/**
 * How the generated contract tests build {@link OrderPlacedConsumer}: one fixture is the service's
 * durable state (the store outlives each {@code create}, which plays a process start), and
 * {@code state()} is what the tests compare between a single delivery and every redelivery,
 * {@code poisonSamples()} are messages the consumer must refuse, and the store's writes pass
 * {@code context.faultPoint()} so failure scenarios go through the consumer's own code.
 */
public class OrderPlacedConsumerFixture implements ConsumerFixture<OrderPlacedConsumer> {

    private volatile ContractContext.FaultPoint faultPoint = operation -> {};

    /** The durable store; each write first passes the fault point, where scenarios (j) and (k) fail it. */
    private final OrderStore orders = new OrderStore() {
        @Override
        public boolean insertIfAbsent(String orderId, long totalCents) {
            faultPoint.beforeIo("orders.insertIfAbsent");
            return super.insertIfAbsent(orderId, totalCents);
        }
    };

    @Override
    public OrderPlacedConsumer create(ContractContext context) {
        faultPoint = context.faultPoint();
        return new OrderPlacedConsumer(orders);
    }

    @Override
    public Object state() {
        return orders.snapshot();
    }

    /** An order with a negative total: the consumer must refuse it as invalid (scenario (i)). */
    @Override
    public List<?> poisonSamples() {
        return List.of(OrderPlaced.newBuilder()
                .setOrderId("o-invalid")
                .setCustomerId("c-1")
                .setTotalCents(-1L)
                .setPlacedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build());
    }
}
