package dev.eventcontracts.junit;

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
}
