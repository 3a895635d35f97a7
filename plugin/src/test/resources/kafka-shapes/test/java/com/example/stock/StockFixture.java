package com.example.stock;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import java.util.List;

public class StockFixture implements ConsumerFixture<StockListener> {
    private volatile ContractContext.FaultPoint faultPoint = operation -> {};

    private final Stock stock = new Stock() {
        @Override
        protected void beforeWrite() {
            faultPoint.beforeIo("stock.reserve");
        }
    };

    @Override
    public StockListener create(ContractContext context) {
        faultPoint = context.faultPoint();
        return new StockListener(stock);
    }

    @Override
    public Object state() {
        return stock.snapshot();
    }

    @Override
    public List<?> poisonSamples() {
        return List.of(new StockRequested("o-invalid", "sku-1", 0));
    }
}
