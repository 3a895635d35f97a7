package com.example.ledger;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class AuditFixture implements ConsumerFixture<AuditConsumer> {
    private final Ledger ledger = new Ledger();

    @Override
    public AuditConsumer create(ContractContext context) {
        return new AuditConsumer(ledger);
    }

    @Override
    public Object state() {
        return ledger.snapshot();
    }
}
