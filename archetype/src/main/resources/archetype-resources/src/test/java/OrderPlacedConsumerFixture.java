package ${package};

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

/**
 * How the generated contract tests build {@link OrderPlacedConsumer}: one fixture is the service's
 * durable state (the store outlives each {@code create}, which plays a process start), and
 * {@code state()} is what the tests compare between a single delivery and every redelivery.
 */
public class OrderPlacedConsumerFixture implements ConsumerFixture<OrderPlacedConsumer> {

    private final OrderStore orders = new OrderStore();

    @Override
    public OrderPlacedConsumer create(ContractContext context) {
        return new OrderPlacedConsumer(orders);
    }

    @Override
    public Object state() {
        return orders.snapshot();
    }
}
