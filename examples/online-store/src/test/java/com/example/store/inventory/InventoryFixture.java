package com.example.store.inventory;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
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
}
