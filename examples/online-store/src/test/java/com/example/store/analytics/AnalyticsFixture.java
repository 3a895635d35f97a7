package com.example.store.analytics;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

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
}
