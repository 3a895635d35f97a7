package com.example.store.shipping;

import com.example.store.Orders;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import java.util.List;
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

    /** An order without lines: the consumer must refuse it as invalid (scenario (i)). */
    @Override
    public List<?> poisonSamples() {
        return List.of(OrderPlaced.newBuilder(Orders.placed("o-invalid")).setLines(List.of()).build());
    }
}
