package dev.eventcontracts.spring.kafkasamples.good;

import dev.eventcontracts.spring.ServiceFixture;
import dev.eventcontracts.spring.kafkasamples.OrderPlaced;
import dev.eventcontracts.spring.kafkasamples.ShipmentListener;
import java.util.List;

/** The good service's business-invalid sample: an order of a negative quantity, which the listener refuses. */
public class ShipmentListenerFixture implements ServiceFixture<ShipmentListener> {

    @Override
    public List<?> poisonSamples() {
        return List.of(new OrderPlaced("order-negative", "sku-1", -3));
    }
}
