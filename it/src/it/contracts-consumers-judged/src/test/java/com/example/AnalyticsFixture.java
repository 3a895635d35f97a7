package com.example;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class AnalyticsFixture implements ConsumerFixture<AnalyticsConsumer> {

    private final Ledger ledger = new Ledger();

    @Override
    public AnalyticsConsumer create(ContractContext context) {
        return new AnalyticsConsumer(ledger);
    }

    @Override
    public Object state() {
        return ledger.snapshot();
    }
}
