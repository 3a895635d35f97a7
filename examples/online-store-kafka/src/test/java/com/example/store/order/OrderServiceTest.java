package com.example.store.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.store.Orders;
import com.example.store.events.AvroMessages;
import com.example.store.events.OrderPlaced;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

    record Produced(String topic, String key, Map<String, Object> headers, byte[] body) {}

    private final List<Produced> produced = new ArrayList<>();
    private final OrderService service = new OrderService(
            (topic, key, headers, body) -> produced.add(new Produced(topic, key, headers, body)),
            Orders.CLOCK,
            () -> "o-1");

    @Test
    void placeOrder_producesOrderPlacedToOrdersPlaced_keyedByOrderId_withSchemaIdHeader() throws Exception {
        OrderPlaced event = service.placeOrder(Orders.checkout());

        assertThat(produced).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo("orders.placed");
            assertThat(p.key()).isEqualTo("o-1");
            assertThat(p.headers())
                    .containsEntry(AvroMessages.SCHEMA_ID_HEADER, AvroMessages.schemaId(OrderPlaced.getClassSchema()));
        });
        OrderPlaced decoded = new SpecificDatumReader<>(OrderPlaced.class)
                .read(null, DecoderFactory.get().binaryDecoder(produced.get(0).body(), null));
        assertThat(decoded).isEqualTo(event);
        assertThat(event.getTotalCents()).isEqualTo(2 * 1250 + 4999);
    }

    @Test
    void placeOrder_withoutLines_isRefusedAndProducesNothing() {
        PlaceOrder empty = new PlaceOrder("c-1", List.of(), "EUR", Orders.checkout().shippingAddress(), null);

        assertThatThrownBy(() -> service.placeOrder(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order of customer 'c-1' has no lines.");
        assertThat(produced).isEmpty();
    }
}
