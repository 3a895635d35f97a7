package dev.eventcontracts.junit.samples;

import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The inventory service's durable state: stock per SKU and the order ids already processed. */
public final class Inventory {

    final Map<String, Integer> stock = new ConcurrentHashMap<>();
    final Set<String> processed = ConcurrentHashMap.newKeySet();

    public Inventory() {
        for (int i = 1; i <= 20; i++) {
            stock.put("sku-" + i, 10);
        }
    }

    void reserve(OrderPlaced order) {
        stock.merge(order.getSku(), -order.getQuantity(), Integer::sum);
    }

    void release(OrderPlaced order) {
        stock.merge(order.getSku(), order.getQuantity(), Integer::sum);
    }

    static void announce(ContractContext.Publisher publisher, OrderPlaced order) {
        String json = "{\"orderId\":\"" + order.getOrderId() + "\",\"sku\":\"" + order.getSku() + "\",\"quantity\":"
                + order.getQuantity() + "}";
        publisher.publish("inventory", "stock.reserved", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A complete OrderPlaced whose quantity is negative: business-invalid, never processable. */
    public static OrderPlaced invalidOrder() {
        var sample = new dev.eventcontracts.junit.internal.avro.SampleGenerator(7)
                .sample(OrderPlaced.getClassSchema(), 99, "orderId");
        try {
            // a generated record with logical types (Instant, BigDecimal), as a fixture would build it
            OrderPlaced order =
                    InventoryConsumers.RawBase.decode(dev.eventcontracts.junit.internal.avro.AvroCodec.encode(sample));
            order.setQuantity(-1);
            return order;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the fixture reports as state. */
    public Map<String, Integer> snapshot() {
        return new TreeMap<>(stock);
    }
}
