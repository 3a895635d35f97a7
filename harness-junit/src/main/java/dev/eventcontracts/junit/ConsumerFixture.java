package dev.eventcontracts.junit;

import java.util.List;

/**
 * How a contract test builds a consumer and observes its state.
 *
 * <p>One fixture instance plays the service's durable state; each call to {@link #create} is a
 * process start, so a scenario that replays messages after a restart calls it again on the same
 * fixture.
 *
 * <pre>{@code
 * public class InventoryFixture implements ConsumerFixture<InventoryConsumer> {
 *     private final InMemoryStock stock = new InMemoryStock();
 *     public InventoryConsumer create(ContractContext ctx) {
 *         return new InventoryConsumer(stock, ctx.publisher(), ctx.httpBaseUri());
 *     }
 *     public Object state() { return stock.snapshot(); }
 * }
 * }</pre>
 *
 * @param <T> the consumer type
 */
public interface ConsumerFixture<T> {

    /** Builds a consumer instance, as a process start would. */
    T create(ContractContext context);

    /**
     * A snapshot of the consumer's durable state, compared between runs with {@code equals}. The
     * default, {@code null}, means idempotency is judged on effects only.
     */
    default Object state() {
        return null;
    }

    /**
     * Good payloads to send instead of the samples the scenarios build from the payload type or
     * schema. Needed for {@code byte[]} and {@code String} payloads without a schema (every
     * scenario is skipped without them); optional otherwise. Return instances of the payload type
     * (an Avro record, a record or POJO sent as JSON), or {@code byte[]}/{@code String} bodies. Give
     * four or more distinct events: scenarios send up to three together and a fourth in (m); the
     * list is reused from the start when it is shorter. The default, none, builds them.
     *
     * <pre>{@code
     * public List<?> samples() {
     *     return List.of("{\"orderId\":\"o-1\",\"qty\":2}", "{\"orderId\":\"o-2\",\"qty\":1}",
     *             "{\"orderId\":\"o-3\",\"qty\":5}", "{\"orderId\":\"o-4\",\"qty\":3}");
     * }
     * }</pre>
     */
    default List<?> samples() {
        return List.of();
    }

    /**
     * Business-invalid payloads the consumer must refuse: each must make the handler throw one of
     * the contract's {@code nonRetryable} exceptions through its own validation. Scenario (i)
     * delivers each and expects it dead-lettered after one attempt; scenario (m) includes the
     * first. Return instances of the payload type (an Avro record, a record or POJO sent as JSON),
     * or {@code byte[]}/{@code String} bodies. The default, none, skips (i): without them no path
     * reaches the consumer's validation.
     *
     * <pre>{@code
     * public List<?> poisonSamples() {
     *     return List.of(new OrderPlaced("o-invalid", "sku-1", -1));
     * }
     * }</pre>
     */
    default List<?> poisonSamples() {
        return List.of();
    }
}
