package com.example.store.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.store.Orders;
import com.example.store.events.AvroMessages;
import com.example.store.events.OrderPlaced;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AnalyticsConsumerTest {

    private final SalesCounter sales = new SalesCounter();
    private final AnalyticsConsumer consumer = new AnalyticsConsumer(sales, OrderPlacedReader.create());

    @Test
    void onOrderPlaced_countsTheSaleOfTheCurrentVersion() {
        OrderPlaced order = Orders.placed("o-1");

        consumer.onOrderPlaced(AvroMessages.encode(order), AvroMessages.headers(OrderPlaced.getClassSchema()));

        assertThat(sales.orders()).isEqualTo(1);
        assertThat(sales.revenueCents("EUR")).isEqualTo(7499L);
    }

    @Test
    void onOrderPlaced_readsAMessageWrittenWithVersion1() throws Exception {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/schemas/order-placed-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord order = new GenericData.Record(v1);
        Schema lineSchema = v1.getField("lines").schema().getElementType();
        GenericRecord line = new GenericData.Record(lineSchema);
        line.put("sku", "sku-1");
        line.put("quantity", 3);
        line.put("unitPriceCents", 100L);
        GenericRecord address = new GenericData.Record(v1.getField("shippingAddress").schema());
        for (String field : new String[] {"recipient", "street", "city", "postalCode", "country"}) {
            address.put(field, field);
        }
        order.put("orderId", "o-old");
        order.put("customerId", "c-1");
        order.put("lines", java.util.List.of(line));
        order.put("currency", "USD");
        order.put("totalCents", 300L);
        order.put("shippingAddress", address);
        order.put("placedAt", 0L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v1).write(order, encoder);
        encoder.flush();

        consumer.onOrderPlaced(out.toByteArray(), AvroMessages.headers(v1));

        assertThat(sales.revenueCents("USD")).isEqualTo(300L);
    }
}
