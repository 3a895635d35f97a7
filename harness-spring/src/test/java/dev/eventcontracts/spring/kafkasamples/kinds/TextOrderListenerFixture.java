package dev.eventcontracts.spring.kafkasamples.kinds;

import dev.eventcontracts.spring.ServiceFixture;
import java.util.List;

/** What the text listener accepts (it parses its payload itself) and an order it refuses. */
public class TextOrderListenerFixture implements ServiceFixture<KindsShippingApp.TextOrderListener> {

    @Override
    public List<?> samples() {
        return KindsShippingApp.texts();
    }

    @Override
    public List<?> poisonSamples() {
        return List.of("order-text-bad,sku-1,-4");
    }
}
