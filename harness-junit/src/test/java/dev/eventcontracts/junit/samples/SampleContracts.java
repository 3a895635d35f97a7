package dev.eventcontracts.junit.samples;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** Contracts of the sample consumers, all with the inventory policy unless a defect says otherwise. */
public final class SampleContracts {

    private SampleContracts() {}

    /** The inventory policy: binding, DLQ, 3 attempts, InvalidOrderException non-retryable, key orderId. */
    public static ConsumerContract.Builder inventory(Class<?> consumer, String handler, Class<?> fixture) {
        return ConsumerContract.builder(consumer, handler)
                .queue("inventory.order-placed")
                .binding("orders", "order.placed")
                .deadLetterQueue("inventory.order-placed.dlq")
                .maxAttempts(3)
                .nonRetryable(InvalidOrderException.class)
                .idempotencyKey("orderId")
                .schema(OrderPlaced.getClassSchema())
                .fixture(fixture);
    }

    /** The correct consumer, with the older writer version v1 of OrderPlaced registered. */
    public static ConsumerContract correct() {
        return inventory(
                        InventoryConsumers.InventoryConsumer.class,
                        "onOrderPlaced",
                        InventoryConsumers.InventoryFixture.class)
                .previousWriterSchema(orderPlacedV1())
                .build();
    }

    /** Version 1 of OrderPlaced: no {@code lines}, no {@code coupon}. */
    public static Schema orderPlacedV1() {
        try (InputStream in = SampleContracts.class.getResourceAsStream("/schemas/order-placed-v1.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
