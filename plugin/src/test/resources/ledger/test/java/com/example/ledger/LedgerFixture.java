package com.example.ledger;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class LedgerFixture implements ConsumerFixture<LedgerConsumer> {
    private final Ledger ledger = new Ledger();

    @Override
    public LedgerConsumer create(ContractContext context) {
        return new LedgerConsumer(ledger);
    }

    @Override
    public Object state() {
        return ledger.snapshot();
    }
}
