package com.example.store.analytics;

import com.example.store.Orders;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import java.util.List;

/**
 * How contract tests build the analytics consumer: the sales figures outlive each {@code create}
 * (a process restart), the sales feed goes through the harness's recording publisher.
 */
public class AnalyticsFixture implements ConsumerFixture<AnalyticsConsumer> {

    private final SalesCounter sales = new SalesCounter();

    @Override
    public AnalyticsConsumer create(ContractContext context) {
        return new AnalyticsConsumer(sales, context.publisher()::publish);
    }

    @Override
    public Object state() {
        return sales.snapshot();
    }

    /** An order with a negative total: the consumer must refuse it as invalid (scenario (i)). */
    @Override
    public List<?> poisonSamples() {
        return List.of(OrderPlaced.newBuilder(Orders.placed("o-invalid")).setTotalCents(-1).build());
    }
}
