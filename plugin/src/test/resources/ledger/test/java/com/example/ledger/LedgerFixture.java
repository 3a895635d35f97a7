package com.example.ledger;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import java.util.List;

public class LedgerFixture implements ConsumerFixture<LedgerConsumer> {
    private volatile ContractContext.FaultPoint faultPoint = operation -> {};

    private final Ledger ledger = new Ledger() {
        @Override
        protected void beforeWrite() {
            faultPoint.beforeIo("ledger.book");
        }
    };

    @Override
    public LedgerConsumer create(ContractContext context) {
        faultPoint = context.faultPoint();
        return new LedgerConsumer(ledger);
    }

    @Override
    public Object state() {
        return ledger.snapshot();
    }

    @Override
    public List<?> poisonSamples() {
        PaymentReceived refund = new PaymentReceived();
        refund.put(0, "p-invalid");
        refund.put(1, "acc-1");
        refund.put(2, -5L);
        return List.of(refund);
    }
}
