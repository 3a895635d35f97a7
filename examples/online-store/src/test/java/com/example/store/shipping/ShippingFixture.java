package com.example.store.shipping;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How contract tests build the shipping consumer: the ledger outlives each {@link #create}, the
 * consumer publishes through the harness's recording publisher, and the clock is fixed so that
 * shipment requests of different runs compare equal.
 */
public class ShippingFixture implements ConsumerFixture<ShippingConsumer> {

    private final ShipmentLedger ledger = new ShipmentLedger();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @Override
    public ShippingConsumer create(ContractContext context) {
        return new ShippingConsumer(ledger, context.publisher()::publish, clock);
    }

    @Override
    public Object state() {
        return ledger.snapshot();
    }
}
