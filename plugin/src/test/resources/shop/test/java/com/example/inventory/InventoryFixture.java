package com.example.inventory;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class InventoryFixture implements ConsumerFixture<InventoryConsumer> {
    @Override
    public InventoryConsumer create(ContractContext context) {
        return new InventoryConsumer();
    }
}
