package com.example;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class ReservationFixture implements ConsumerFixture<ReservationConsumer> {

    private final Stock stock = new Stock();

    @Override
    public ReservationConsumer create(ContractContext context) {
        return new ReservationConsumer(stock);
    }

    @Override
    public Object state() {
        return stock.snapshot();
    }
}
