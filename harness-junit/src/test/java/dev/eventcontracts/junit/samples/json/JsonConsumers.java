package dev.eventcontracts.junit.samples.json;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.TypeSamples;
import dev.eventcontracts.junit.samples.InvalidOrderException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumers whose payload is a JSON record (plain mode, no Avro), one correct and one per defect,
 * and consumers of raw {@code String} bodies that decode them themselves.
 */
public final class JsonConsumers {

    private JsonConsumers() {}

    /** The JSON event: a record with a nested record and a timestamp. */
    public record StockReservationRequested(String orderId, Item item, Instant requestedAt) {}

    /** What to reserve. */
    public record Item(String sku, int quantity) {}

    /** The durable state: reserved units per SKU and the orders already processed. */
    public static final class Stock {
        final Map<String, Integer> reserved = new ConcurrentHashMap<>();
        final Set<String> processed = ConcurrentHashMap.newKeySet();

        void reserve(String orderId, String sku, int quantity, ContractContext.Publisher publisher) {
            reserved.merge(sku, quantity, Integer::sum);
            try {
                publisher.publish(
                        "inventory",
                        "stock.reserved",
                        ("{\"orderId\":\"" + orderId + "\",\"sku\":\"" + sku + "\"}").getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                reserved.merge(sku, -quantity, Integer::sum);
                throw e;
            }
        }

        Map<String, Integer> snapshot() {
            return new TreeMap<>(reserved);
        }
    }

    /** Correct: validates, deduplicates atomically on orderId, undoes on failure. */
    public static final class JsonInventoryConsumer {
        private final Stock stock;
        private final ContractContext.Publisher publisher;

        public JsonInventoryConsumer(Stock stock, ContractContext.Publisher publisher) {
            this.stock = stock;
            this.publisher = publisher;
        }

        public void onRequested(StockReservationRequested event) {
            if (event.item().quantity() <= 0) {
                throw new InvalidOrderException("quantity must be positive in " + event.orderId());
            }
            if (!stock.processed.add(event.orderId())) {
                return;
            }
            try {
                stock.reserve(event.orderId(), event.item().sku(), event.item().quantity(), publisher);
            } catch (RuntimeException e) {
                stock.processed.remove(event.orderId());
                throw e;
            }
        }
    }

    /** Defect: reserves again on every delivery of the same event. */
    public static final class JsonNoDedupConsumer {
        private final Stock stock;
        private final ContractContext.Publisher publisher;

        public JsonNoDedupConsumer(Stock stock, ContractContext.Publisher publisher) {
            this.stock = stock;
            this.publisher = publisher;
        }

        public void onRequested(StockReservationRequested event) {
            if (event.item().quantity() <= 0) {
                throw new InvalidOrderException("quantity must be positive in " + event.orderId());
            }
            stock.reserve(event.orderId(), event.item().sku(), event.item().quantity(), publisher);
        }
    }

    /** Defect: logs its own validation failure and acks the message. */
    public static final class JsonSwallowingConsumer {
        private final Stock stock;
        private final ContractContext.Publisher publisher;

        public JsonSwallowingConsumer(Stock stock, ContractContext.Publisher publisher) {
            this.stock = stock;
            this.publisher = publisher;
        }

        public void onRequested(StockReservationRequested event) {
            if (event.item().quantity() <= 0) {
                return; // "log and move on": the invalid request disappears
            }
            if (stock.processed.add(event.orderId())) {
                stock.reserve(event.orderId(), event.item().sku(), event.item().quantity(), publisher);
            }
        }
    }

    /** Base of the JSON fixtures: the durable stock, and a request with quantity 0 as poison. */
    abstract static class StockFixture<T> implements ConsumerFixture<T> {
        final Stock stock = new Stock();

        @Override
        public Object state() {
            return stock.snapshot();
        }

        @Override
        public List<?> poisonSamples() {
            var valid = (StockReservationRequested) TypeSamples.sample(StockReservationRequested.class, 99, "orderId");
            return List.of(new StockReservationRequested(
                    valid.orderId(), new Item(valid.item().sku(), 0), valid.requestedAt()));
        }
    }

    public static final class JsonInventoryFixture extends StockFixture<JsonInventoryConsumer> {
        @Override
        public JsonInventoryConsumer create(ContractContext ctx) {
            return new JsonInventoryConsumer(stock, ctx.publisher());
        }
    }

    public static final class JsonNoDedupFixture extends StockFixture<JsonNoDedupConsumer> {
        @Override
        public JsonNoDedupConsumer create(ContractContext ctx) {
            return new JsonNoDedupConsumer(stock, ctx.publisher());
        }
    }

    public static final class JsonSwallowingFixture extends StockFixture<JsonSwallowingConsumer> {
        @Override
        public JsonSwallowingConsumer create(ContractContext ctx) {
            return new JsonSwallowingConsumer(stock, ctx.publisher());
        }
    }

    /** Supplies its own good JSON events instead of the ones built from the type. */
    public static final class JsonSuppliedSamplesFixture extends StockFixture<JsonNoDedupConsumer> {
        @Override
        public JsonNoDedupConsumer create(ContractContext ctx) {
            return new JsonNoDedupConsumer(stock, ctx.publisher());
        }

        @Override
        public List<?> samples() {
            Instant at = Instant.parse("2026-03-01T10:00:00Z");
            return List.of(
                    new StockReservationRequested("order-a", new Item("sku-a", 2), at),
                    new StockReservationRequested("order-b", new Item("sku-b", 1), at),
                    new StockReservationRequested("order-c", new Item("sku-a", 4), at),
                    new StockReservationRequested("order-d", new Item("sku-c", 3), at));
        }
    }

    /** Reads {@code orderId;sku;quantity} lines itself; does not deduplicate. */
    public static final class TextNoDedupConsumer {
        private final Stock stock;
        private final ContractContext.Publisher publisher;

        public TextNoDedupConsumer(Stock stock, ContractContext.Publisher publisher) {
            this.stock = stock;
            this.publisher = publisher;
        }

        public void onLine(String line) {
            String[] parts = line.split(";");
            if (parts.length != 3) {
                throw new InvalidOrderException("not an order line: " + line);
            }
            stock.reserve(parts[0], parts[1], Integer.parseInt(parts[2]), publisher);
        }
    }

    /** Supplies four order lines and one invalid line. */
    public static final class TextFixture implements ConsumerFixture<TextNoDedupConsumer> {
        final Stock stock = new Stock();

        @Override
        public TextNoDedupConsumer create(ContractContext ctx) {
            return new TextNoDedupConsumer(stock, ctx.publisher());
        }

        @Override
        public Object state() {
            return stock.snapshot();
        }

        @Override
        public List<?> samples() {
            return List.of("o-1;sku-1;2", "o-2;sku-2;1", "o-3;sku-1;5", "o-4;sku-3;3");
        }

        @Override
        public List<?> poisonSamples() {
            return List.of("o-5;sku-1");
        }
    }

    /** The same consumer, with a fixture that supplies no samples. */
    public static final class TextFixtureWithoutSamples implements ConsumerFixture<TextNoDedupConsumer> {
        final Stock stock = new Stock();

        @Override
        public TextNoDedupConsumer create(ContractContext ctx) {
            return new TextNoDedupConsumer(stock, ctx.publisher());
        }
    }

    /** The JSON inventory policy: DLQ, 3 attempts, InvalidOrderException non-retryable, key orderId. */
    public static ConsumerContract.Builder contract(Class<?> consumer, String handler, Class<?> fixture) {
        return ConsumerContract.builder(consumer, handler)
                .queue("inventory.stock-requested")
                .deadLetterQueue("inventory.stock-requested.dlq")
                .maxAttempts(3)
                .nonRetryable(InvalidOrderException.class)
                .idempotencyKey("orderId")
                .fixture(fixture);
    }
}
