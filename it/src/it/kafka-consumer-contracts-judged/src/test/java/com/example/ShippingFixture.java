package com.example;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class ShippingFixture implements ConsumerFixture<ShippingConsumer> {

    private final Ledger ledger = new Ledger();

    @Override
    public ShippingConsumer create(ContractContext context) {
        return new ShippingConsumer(ledger);
    }

    @Override
    public Object state() {
        return ledger.snapshot();
    }
}
