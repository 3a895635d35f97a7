package dev.eventcontracts.junit.samples;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The inventory consumers of {@link InventoryConsumers} as Kafka consumers: the same code, a
 * contract that reads topic {@code inventory.orders} with dead-letter topic {@code
 * inventory.orders.DLT}, and one defect only Kafka's ordering shows.
 */
public final class KafkaSamples {

    private KafkaSamples() {}

    /** A Kafka contract for {@code consumer}: retries 3, DLT, key orderId, records of one sku in order. */
    public static ConsumerContract.Builder inventory(Class<?> consumer, String handler, Class<?> fixture) {
        return ConsumerContract.builder(consumer, handler)
                .topic("inventory.orders")
                .deadLetterTopic("inventory.orders.DLT")
                .maxAttempts(3)
                .nonRetryable(InvalidOrderException.class)
                .idempotencyKey("orderId")
                .orderedBy("sku")
                .fixture(fixture);
    }

    /** The correct inventory consumer on Kafka. */
    public static ConsumerContract correct() {
        return inventory(
                        InventoryConsumers.InventoryConsumer.class,
                        "onOrderPlaced",
                        InventoryConsumers.InventoryFixture.class)
                .build();
    }

    /**
     * Defect: a non-blocking retry. A failed order is parked and retried after the next order,
     * as a retry topic would, so later orders of the same SKU overtake it.
     */
    public static final class RetryLaterConsumer extends InventoryConsumers.Base {
        private final Deque<OrderPlaced> parked = new ArrayDeque<>();

        public RetryLaterConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onOrderPlaced(OrderPlaced order) {
            if (!apply(order)) {
                parked.add(order);
                return;
            }
            while (!parked.isEmpty() && apply(parked.peek())) {
                parked.poll();
            }
        }

        private boolean apply(OrderPlaced order) {
            if (!inventory.processed.add(order.getOrderId())) {
                return true;
            }
            try {
                reserveAndAnnounce(order);
                return true;
            } catch (UncheckedIOException e) {
                inventory.processed.remove(order.getOrderId());
                return false;
            }
        }
    }

    /** Defect: no deduplication; its contract is declared with {@code @EventConsumer(topic = ...)}. */
    public static final class AnnotatedNoDedupConsumer extends InventoryConsumers.Base {
        public AnnotatedNoDedupConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        @dev.eventcontracts.annotations.EventConsumer(
                topic = "inventory.orders",
                deadLetterTopic = "inventory.orders.DLT",
                maxAttempts = 3,
                nonRetryable = InvalidOrderException.class,
                idempotencyKey = "orderId",
                orderedBy = "sku")
        public void onOrderPlaced(OrderPlaced order) {
            reserveAndAnnounce(order);
        }
    }

    public static final class AnnotatedNoDedupFixture extends InventoryConsumers.Fixture<AnnotatedNoDedupConsumer> {
        public AnnotatedNoDedupFixture() {
            super(AnnotatedNoDedupConsumer::new);
        }
    }

    public static final class RetryLaterFixture extends InventoryConsumers.Fixture<RetryLaterConsumer> {
        public RetryLaterFixture() {
            super(RetryLaterConsumer::new);
        }
    }
}
