package com.example;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class BackorderFixture implements ConsumerFixture<BackorderConsumer> {

    private final Stock stock = new Stock();

    @Override
    public BackorderConsumer create(ContractContext context) {
        return new BackorderConsumer(stock);
    }

    @Override
    public Object state() {
        return stock.snapshot();
    }
}
