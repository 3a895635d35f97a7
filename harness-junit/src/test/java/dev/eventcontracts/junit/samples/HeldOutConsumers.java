package dev.eventcontracts.junit.samples;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Envelope;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumers of the kinds that passed vacuously before the scenarios read the broker's journal,
 * awaited async handlers and injected failures only through the consumer's own code: one defect
 * each, with the corrected version next to it.
 */
public final class HeldOutConsumers {

    private HeldOutConsumers() {}

    /** Publishes through its own AMQP connection, as a service with its own RabbitTemplate does. */
    abstract static class OwnChannel implements AutoCloseable {
        final Inventory inventory;
        private final Connection connection;
        private final Channel channel;

        OwnChannel(Inventory inventory, URI amqp) {
            this.inventory = inventory;
            try {
                ConnectionFactory factory = new ConnectionFactory();
                factory.setUri(amqp);
                this.connection = factory.newConnection("inventory-service");
                this.channel = connection.createChannel();
            } catch (Exception e) {
                throw new IllegalStateException("cannot connect to " + amqp.getHost(), e);
            }
        }

        void announce(OrderPlaced order) {
            try {
                channel.basicPublish("", "stock.reserved", null, json(order));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void republish(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            Map<String, Object> headers =
                    new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
            headers.put("republished", true);
            try {
                channel.basicPublish(
                        envelope.getExchange(),
                        envelope.getRoutingKey(),
                        properties.builder().headers(headers).build(),
                        body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /** Defect: deduplicates its state change but announces on every delivery, on its own channel. */
    public static final class OwnChannelRepublisher extends OwnChannel {
        public OwnChannelRepublisher(Inventory inventory, URI amqp) {
            super(inventory, amqp);
        }

        public void onOrderPlaced(OrderPlaced order) {
            if (inventory.processed.add(order.getOrderId())) {
                inventory.reserve(order);
            }
            announce(order);
        }
    }

    /** Correct: announces only what it processed, on its own channel. */
    public static final class OwnChannelPublisher extends OwnChannel {
        public OwnChannelPublisher(Inventory inventory, URI amqp) {
            super(inventory, amqp);
        }

        public void onOrderPlaced(OrderPlaced order) {
            if (inventory.processed.add(order.getOrderId())) {
                inventory.reserve(order);
                announce(order);
            }
        }
    }

    /**
     * Defect: "retries later" by republishing a failed message (same message id) on its own channel
     * and also throwing, so an invalid order is dead-lettered twice.
     */
    public static final class RepublishingOnFailure extends OwnChannel {
        public RepublishingOnFailure(Inventory inventory, URI amqp) {
            super(inventory, amqp);
        }

        public void onOrderPlaced(OrderPlaced order, Envelope envelope, AMQP.BasicProperties properties) {
            if (order.getQuantity() <= 0) {
                Map<String, Object> headers = properties.getHeaders();
                if (headers == null || !headers.containsKey("republished")) {
                    republish(envelope, properties, AvroBytes.of(order));
                }
                throw new InvalidOrderException("quantity must be positive: " + order.getQuantity());
            }
            if (inventory.processed.add(order.getOrderId())) {
                inventory.reserve(order);
                announce(order);
            }
        }
    }

    /** Defect: an async handler that does not deduplicate; its effects land after it returned. */
    public static final class AsyncNoDedup {
        private final Inventory inventory;
        private final ContractContext.Publisher publisher;

        public AsyncNoDedup(Inventory inventory, ContractContext.Publisher publisher) {
            this.inventory = inventory;
            this.publisher = publisher;
        }

        public CompletableFuture<Void> onOrderPlaced(OrderPlaced order) {
            return CompletableFuture.runAsync(() -> {
                inventory.reserve(order);
                Inventory.announce(publisher, order);
            });
        }
    }

    /** Correct async handler: validates and deduplicates in the future it returns. */
    public static final class AsyncInventory {
        private final Inventory inventory;
        private final ContractContext.Publisher publisher;

        public AsyncInventory(Inventory inventory, ContractContext.Publisher publisher) {
            this.inventory = inventory;
            this.publisher = publisher;
        }

        public CompletionStage<Void> onOrderPlaced(OrderPlaced order) {
            if (order.getQuantity() <= 0) {
                return CompletableFuture.failedFuture(
                        new InvalidOrderException("quantity must be positive: " + order.getQuantity()));
            }
            return CompletableFuture.runAsync(() -> {
                if (!inventory.processed.add(order.getOrderId())) {
                    return;
                }
                try {
                    inventory.reserve(order);
                    Inventory.announce(publisher, order);
                } catch (RuntimeException e) {
                    inventory.release(order);
                    inventory.processed.remove(order.getOrderId());
                    throw e;
                }
            });
        }
    }

    /** Defect: its validation failure is logged and swallowed, so an invalid order is acked and lost. */
    public static final class SwallowingValidation {
        private final Inventory inventory;
        private final ContractContext.Publisher publisher;

        public SwallowingValidation(Inventory inventory, ContractContext.Publisher publisher) {
            this.inventory = inventory;
            this.publisher = publisher;
        }

        public void onOrderPlaced(OrderPlaced order) {
            try {
                if (order.getQuantity() <= 0) {
                    throw new InvalidOrderException("quantity must be positive: " + order.getQuantity());
                }
                if (inventory.processed.add(order.getOrderId())) {
                    inventory.reserve(order);
                    Inventory.announce(publisher, order);
                }
            } catch (InvalidOrderException e) {
                System.getLogger("inventory").log(System.Logger.Level.DEBUG, "skipping invalid order: " + e);
            }
        }
    }

    /** Changes only its state, through a store its fixture can fail (ctx.faultPoint()). */
    public static final class StateOnly {
        final Inventory inventory;
        final ContractContext.FaultPoint store;

        public StateOnly(Inventory inventory, ContractContext.FaultPoint store) {
            this.inventory = inventory;
            this.store = store;
        }

        public void onOrderPlaced(OrderPlaced order) {
            if (!inventory.processed.add(order.getOrderId())) {
                return;
            }
            try {
                store.beforeIo("stock.reserve");
                inventory.reserve(order);
            } catch (RuntimeException e) {
                inventory.processed.remove(order.getOrderId());
                throw e;
            }
        }
    }

    /** Defect: changes only its state and swallows a failing store, so the reservation is lost. */
    public static final class StateOnlySwallowing {
        final Inventory inventory;
        final ContractContext.FaultPoint store;

        public StateOnlySwallowing(Inventory inventory, ContractContext.FaultPoint store) {
            this.inventory = inventory;
            this.store = store;
        }

        public void onOrderPlaced(OrderPlaced order) {
            if (!inventory.processed.add(order.getOrderId())) {
                return;
            }
            try {
                store.beforeIo("stock.reserve");
                inventory.reserve(order);
            } catch (RuntimeException e) {
                System.getLogger("inventory").log(System.Logger.Level.DEBUG, "store unavailable: " + e);
            }
        }
    }

    /** Defect for the judge, not the consumer: nothing it does can be observed. */
    public static final class Invisible {
        private int seen;

        public void onOrderPlaced(OrderPlaced order) {
            seen++; // kept in the instance: no publish, no HTTP, no fixture state
        }
    }

    /** Avro binary of a specific record, as a consumer would re-encode it. */
    static final class AvroBytes {
        static byte[] of(OrderPlaced order) {
            var out = new java.io.ByteArrayOutputStream();
            var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
            try {
                new org.apache.avro.specific.SpecificDatumWriter<OrderPlaced>(OrderPlaced.getClassSchema())
                        .write(order, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    static byte[] json(OrderPlaced order) {
        return ("{\"orderId\":\"" + order.getOrderId() + "\",\"sku\":\"" + order.getSku() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Shared durable inventory; each create is a process start. */
    abstract static class Base<T> implements ConsumerFixture<T> {
        final Inventory inventory = new Inventory();

        @Override
        public Object state() {
            return inventory.snapshot();
        }

        @Override
        public List<?> poisonSamples() {
            return List.of(Inventory.invalidOrder());
        }
    }

    public static final class OwnChannelRepublisherFixture extends Base<OwnChannelRepublisher> {
        @Override
        public OwnChannelRepublisher create(ContractContext ctx) {
            return new OwnChannelRepublisher(inventory, ctx.amqpUri());
        }
    }

    public static final class OwnChannelPublisherFixture extends Base<OwnChannelPublisher> {
        @Override
        public OwnChannelPublisher create(ContractContext ctx) {
            return new OwnChannelPublisher(inventory, ctx.amqpUri());
        }
    }

    public static final class RepublishingOnFailureFixture extends Base<RepublishingOnFailure> {
        @Override
        public RepublishingOnFailure create(ContractContext ctx) {
            return new RepublishingOnFailure(inventory, ctx.amqpUri());
        }
    }

    public static final class AsyncNoDedupFixture extends Base<AsyncNoDedup> {
        @Override
        public AsyncNoDedup create(ContractContext ctx) {
            return new AsyncNoDedup(inventory, ctx.publisher());
        }
    }

    public static final class AsyncInventoryFixture extends Base<AsyncInventory> {
        @Override
        public AsyncInventory create(ContractContext ctx) {
            return new AsyncInventory(inventory, ctx.publisher());
        }
    }

    public static final class SwallowingValidationFixture extends Base<SwallowingValidation> {
        @Override
        public SwallowingValidation create(ContractContext ctx) {
            return new SwallowingValidation(inventory, ctx.publisher());
        }
    }

    public static final class StateOnlyFixture extends Base<StateOnly> {
        @Override
        public StateOnly create(ContractContext ctx) {
            return new StateOnly(inventory, ctx.faultPoint());
        }
    }

    /** The same consumer with a store that never calls the fault point: no path to fail its I/O. */
    public static final class StateOnlyWithoutFaultPointFixture extends Base<StateOnly> {
        @Override
        public StateOnly create(ContractContext ctx) {
            return new StateOnly(inventory, operation -> {});
        }
    }

    public static final class StateOnlySwallowingFixture extends Base<StateOnlySwallowing> {
        @Override
        public StateOnlySwallowing create(ContractContext ctx) {
            return new StateOnlySwallowing(inventory, ctx.faultPoint());
        }
    }

    /** No state: the consumer keeps nothing the fixture can show. */
    public static final class InvisibleFixture implements ConsumerFixture<Invisible> {
        @Override
        public Invisible create(ContractContext ctx) {
            return new Invisible();
        }
    }
}
