package com.example;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class InventoryFixture implements ConsumerFixture<InventoryConsumer> {

    private final Ledger ledger = new Ledger();

    @Override
    public InventoryConsumer create(ContractContext context) {
        return new InventoryConsumer(ledger);
    }

    @Override
    public Object state() {
        return ledger.snapshot();
    }
}
