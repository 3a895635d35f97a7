package com.example.store.inventory;

import com.example.store.Orders;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import java.util.List;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * How contract tests build the inventory consumer: the reservations outlive each {@link #create}
 * (a process restart), the stock service is the harness's HTTP stub.
 */
public class InventoryFixture implements ConsumerFixture<InventoryConsumer> {

    private final Reservations reservations = new Reservations();

    @Override
    public InventoryConsumer create(ContractContext context) {
        StockClient stock = new StockClient(HttpClient.newHttpClient(), context.httpBaseUri(), Duration.ofSeconds(5));
        return new InventoryConsumer(reservations, stock);
    }

    @Override
    public Object state() {
        return reservations.snapshot();
    }

    /** An order without lines: the consumer must refuse it as invalid (scenario (i)). */
    @Override
    public List<?> poisonSamples() {
        return List.of(OrderPlaced.newBuilder(Orders.placed("o-invalid")).setLines(List.of()).build());
    }
}
