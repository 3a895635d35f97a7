package dev.eventcontracts.junit.samples;

import com.rabbitmq.client.AMQP;
import dev.eventcontracts.annotations.EventConsumer;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Sample inventory consumers: one correct, and one per classic defect. Each reserves stock for an
 * {@code OrderPlaced} and announces {@code stock.reserved} on exchange {@code inventory}.
 */
public final class InventoryConsumers {

    private InventoryConsumers() {}

    /** Base of the consumers: the durable inventory and the publisher. */
    abstract static class Base {
        final Inventory inventory;
        final ContractContext.Publisher publisher;

        Base(Inventory inventory, ContractContext.Publisher publisher) {
            this.inventory = inventory;
            this.publisher = publisher;
        }

        void reserveAndAnnounce(OrderPlaced order) {
            inventory.reserve(order);
            try {
                Inventory.announce(publisher, order);
            } catch (RuntimeException e) {
                inventory.release(order);
                throw e;
            }
        }
    }

    /** Correct: validates, deduplicates atomically on orderId, undoes on failure. */
    public static final class InventoryConsumer extends Base {
        public InventoryConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        @EventConsumer(
                queue = "inventory.order-placed",
                exchange = "orders",
                routingKey = "order.placed",
                deadLetterQueue = "inventory.order-placed.dlq",
                maxAttempts = 3,
                nonRetryable = InvalidOrderException.class,
                idempotencyKey = "orderId")
        public void onOrderPlaced(OrderPlaced order) {
            if (order.getQuantity() <= 0) {
                throw new InvalidOrderException("quantity must be positive: " + order.getQuantity());
            }
            if (!inventory.processed.add(order.getOrderId())) {
                return;
            }
            try {
                reserveAndAnnounce(order);
            } catch (RuntimeException e) {
                inventory.processed.remove(order.getOrderId());
                throw e;
            }
        }
    }

    /** Defect: no deduplication at all. */
    public static final class NoDedupConsumer extends Base {
        public NoDedupConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onOrderPlaced(OrderPlaced order) {
            reserveAndAnnounce(order);
        }
    }

    /** Defect: deduplicates on the message id, which a retrying producer changes. */
    public static final class MessageIdDedupConsumer extends Base {
        public MessageIdDedupConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onOrderPlaced(OrderPlaced order, AMQP.BasicProperties properties) {
            if (!inventory.processed.add(properties.getMessageId())) {
                return;
            }
            try {
                reserveAndAnnounce(order);
            } catch (RuntimeException e) {
                inventory.processed.remove(properties.getMessageId());
                throw e;
            }
        }
    }

    /** Defect: check-then-act; two instances both pass the check. */
    public static final class CheckThenActConsumer extends Base {
        public CheckThenActConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onOrderPlaced(OrderPlaced order) {
            if (inventory.processed.contains(order.getOrderId())) {
                return;
            }
            reserveAndAnnounce(order);
            inventory.processed.add(order.getOrderId());
        }
    }

    /** Defect: turns a transient publish failure into a non-retryable one. */
    public static final class EagerDeadLetterConsumer extends Base {
        public EagerDeadLetterConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onOrderPlaced(OrderPlaced order) {
            if (!inventory.processed.add(order.getOrderId())) {
                return;
            }
            try {
                reserveAndAnnounce(order);
            } catch (UncheckedIOException e) {
                inventory.processed.remove(order.getOrderId());
                throw new InvalidOrderException("cannot reserve " + order.getOrderId(), e);
            }
        }
    }

    /** Reads raw bytes and decodes them itself; the base of the poison-handling samples. */
    abstract static class RawBase extends Base {
        RawBase(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        static OrderPlaced decode(byte[] body) throws IOException {
            var decoder = DecoderFactory.get().binaryDecoder(body, null);
            var schema = OrderPlaced.getClassSchema();
            OrderPlaced order = new SpecificDatumReader<OrderPlaced>(schema, schema, SpecificData.getForSchema(schema))
                    .read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("trailing bytes");
            }
            return order;
        }

        void process(OrderPlaced order) {
            if (order.getQuantity() <= 0) {
                throw new InvalidOrderException("quantity must be positive: " + order.getQuantity());
            }
            if (inventory.processed.add(order.getOrderId())) {
                try {
                    reserveAndAnnounce(order);
                } catch (RuntimeException e) {
                    inventory.processed.remove(order.getOrderId());
                    throw e;
                }
            }
        }
    }

    /** Correct raw consumer: undecodable bytes are non-retryable. */
    public static final class RawInventoryConsumer extends RawBase {
        public RawInventoryConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onMessage(byte[] body) {
            OrderPlaced order;
            try {
                order = decode(body);
            } catch (IOException | RuntimeException e) {
                throw new InvalidOrderException("undecodable OrderPlaced", e);
            }
            process(order);
        }
    }

    /** Defect: logs and returns on undecodable bytes, so poison is acked and lost. */
    public static final class SwallowingConsumer extends RawBase {
        public SwallowingConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onMessage(byte[] body) {
            try {
                process(decode(body));
            } catch (IOException | RuntimeException e) {
                System.getLogger("inventory").log(System.Logger.Level.DEBUG, "skipping bad message: " + e);
            }
        }
    }

    /** Defect: throws a retryable exception on poison, with requeue-forever and no DLQ. */
    public static final class PoisonLoopConsumer extends RawBase {
        public PoisonLoopConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onMessage(byte[] body) {
            try {
                process(decode(body));
            } catch (IOException e) {
                throw new IllegalStateException("cannot decode", e);
            }
        }
    }

    /** Defect: after a poison message it silently skips everything (a breaker that never closes). */
    public static final class LossyAfterPoisonConsumer extends RawBase {
        private volatile boolean broken;

        public LossyAfterPoisonConsumer(Inventory inventory, ContractContext.Publisher publisher) {
            super(inventory, publisher);
        }

        public void onMessage(byte[] body) {
            if (broken) {
                return;
            }
            try {
                process(decode(body));
            } catch (IOException e) {
                broken = true;
                throw new InvalidOrderException("undecodable OrderPlaced", e);
            }
        }
    }

    /** The fixture all samples share: one durable inventory; each create is a process start. */
    public abstract static class Fixture<T> implements ConsumerFixture<T> {
        private final Inventory inventory = new Inventory();
        private final BiFunction<Inventory, ContractContext.Publisher, T> factory;

        Fixture(BiFunction<Inventory, ContractContext.Publisher, T> factory) {
            this.factory = factory;
        }

        @Override
        public T create(ContractContext context) {
            return factory.apply(inventory, context.publisher());
        }

        @Override
        public Object state() {
            return inventory.snapshot();
        }

        /** One order with a negative quantity, which the correct consumers refuse as invalid. */
        @Override
        public List<?> poisonSamples() {
            return List.of(Inventory.invalidOrder());
        }
    }

    public static final class InventoryFixture extends Fixture<InventoryConsumer> {
        public InventoryFixture() {
            super(InventoryConsumer::new);
        }
    }

    /** The correct consumer's fixture without poison samples: scenario (i) cannot reach its validation. */
    public static final class InventoryFixtureWithoutPoison extends Fixture<InventoryConsumer> {
        public InventoryFixtureWithoutPoison() {
            super(InventoryConsumer::new);
        }

        @Override
        public List<?> poisonSamples() {
            return List.of();
        }
    }

    public static final class NoDedupFixture extends Fixture<NoDedupConsumer> {
        public NoDedupFixture() {
            super(NoDedupConsumer::new);
        }
    }

    public static final class MessageIdDedupFixture extends Fixture<MessageIdDedupConsumer> {
        public MessageIdDedupFixture() {
            super(MessageIdDedupConsumer::new);
        }
    }

    public static final class CheckThenActFixture extends Fixture<CheckThenActConsumer> {
        public CheckThenActFixture() {
            super(CheckThenActConsumer::new);
        }
    }

    public static final class EagerDeadLetterFixture extends Fixture<EagerDeadLetterConsumer> {
        public EagerDeadLetterFixture() {
            super(EagerDeadLetterConsumer::new);
        }
    }

    public static final class RawInventoryFixture extends Fixture<RawInventoryConsumer> {
        public RawInventoryFixture() {
            super(RawInventoryConsumer::new);
        }
    }

    public static final class SwallowingFixture extends Fixture<SwallowingConsumer> {
        public SwallowingFixture() {
            super(SwallowingConsumer::new);
        }
    }

    public static final class PoisonLoopFixture extends Fixture<PoisonLoopConsumer> {
        public PoisonLoopFixture() {
            super(PoisonLoopConsumer::new);
        }
    }

    public static final class LossyAfterPoisonFixture extends Fixture<LossyAfterPoisonConsumer> {
        public LossyAfterPoisonFixture() {
            super(LossyAfterPoisonConsumer::new);
        }
    }
}
