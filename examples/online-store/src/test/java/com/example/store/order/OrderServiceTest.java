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

    record Published(String exchange, String routingKey, Map<String, Object> headers, byte[] body) {}

    private final List<Published> published = new ArrayList<>();
    private final OrderService service = new OrderService(
            (exchange, routingKey, headers, body) -> published.add(new Published(exchange, routingKey, headers, body)),
            Orders.CLOCK,
            () -> "o-1");

    @Test
    void placeOrder_publishesOrderPlacedToOrdersExchange_withSchemaIdHeader() throws Exception {
        OrderPlaced event = service.placeOrder(Orders.checkout());

        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.exchange()).isEqualTo("orders");
            assertThat(p.routingKey()).isEqualTo("order.placed");
            assertThat(p.headers())
                    .containsEntry(AvroMessages.SCHEMA_ID_HEADER, AvroMessages.schemaId(OrderPlaced.getClassSchema()));
        });
        OrderPlaced decoded = new SpecificDatumReader<>(OrderPlaced.class)
                .read(null, DecoderFactory.get().binaryDecoder(published.get(0).body(), null));
        assertThat(decoded).isEqualTo(event);
        assertThat(event.getOrderId()).isEqualTo("o-1");
        assertThat(event.getTotalCents()).isEqualTo(2 * 1250 + 4999);
        assertThat(event.getPlacedAt()).isEqualTo(Orders.CLOCK.instant());
    }

    @Test
    void placeOrder_withoutLines_isRefusedAndPublishesNothing() {
        PlaceOrder empty = new PlaceOrder(
                "c-1", List.of(), "EUR", Orders.checkout().shippingAddress(), null);

        assertThatThrownBy(() -> service.placeOrder(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order of customer 'c-1' has no lines.");
        assertThat(published).isEmpty();
    }
}
