package com.example.store.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.store.Orders;
import com.example.store.events.ShipmentRequested;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class ShippingConsumerTest {

    @Test
    void onOrderPlaced_publishesShipmentRequestedNamedAfterTheOrder() throws Exception {
        List<byte[]> published = new ArrayList<>();
        ShipmentLedger ledger = new ShipmentLedger();
        ShippingConsumer consumer = new ShippingConsumer(
                ledger,
                (exchange, routingKey, headers, body) -> {
                    assertThat(exchange).isEqualTo("shipping");
                    assertThat(routingKey).isEqualTo("shipment.requested");
                    published.add(body);
                },
                Orders.CLOCK);

        consumer.onOrderPlaced(Orders.placed("o-1"));

        assertThat(published).hasSize(1);
        ShipmentRequested request = new SpecificDatumReader<>(ShipmentRequested.class)
                .read(null, DecoderFactory.get().binaryDecoder(published.get(0), null));
        assertThat(request.getShipmentId()).isEqualTo("shp-o-1");
        assertThat(request.getCity()).isEqualTo("Berlin");
        assertThat(request.getParcels()).isEqualTo(1);
        assertThat(request.getDeliveryNote()).isEqualTo("leave at the door");
        assertThat(ledger.snapshot()).containsEntry("o-1 -> shp-o-1", 1L);
    }
}
