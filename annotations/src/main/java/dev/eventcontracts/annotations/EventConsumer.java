package dev.eventcontracts.annotations;

import dev.eventcontracts.annotations.contract.ContractDefaults;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a message consumer whose contract event-contracts verifies at build time.
 *
 * <p>The plugin's {@code generate-contract-tests} goal finds every method carrying this annotation
 * and generates a JUnit 5 test that drives it through the harness broker: duplicate and lost-ack
 * redeliveries, poison messages and exhausted retries.
 *
 * <pre>{@code
 * @EventConsumer(queue = "inventory.order-placed",
 *                exchange = "orders", routingKey = "order.placed",
 *                deadLetterQueue = "inventory.order-placed.dlq",
 *                maxAttempts = 3, nonRetryable = InvalidOrderException.class,
 *                idempotencyKey = "orderId")
 * public void onOrderPlaced(OrderPlaced event) { ... }
 * }</pre>
 *
 * <p>The annotation is read from source and has no runtime behaviour; declare the dependency with
 * {@code provided} scope so nothing ships to production.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventConsumer {

    /**
     * The queue the consumer reads from, e.g. {@code queue = "inventory.order-placed"}. Exactly
     * one of {@code queue} and {@link #topic()} is set.
     *
     * @return the queue name, or empty for a Kafka consumer
     */
    String queue() default "";

    /**
     * The Kafka topic the consumer reads from, e.g. {@code topic = "orders.placed"}: the contract
     * tests then drive it through a real Kafka broker (docs/kafka.md). Exactly one of {@link
     * #queue()} and {@code topic} is set.
     *
     * @return the topic name, or empty for an AMQP consumer
     */
    String topic() default "";

    /**
     * The Kafka topic that receives records this consumer gives up on, e.g. {@code deadLetterTopic
     * = "orders.placed.DLT"}. Empty means none, which the report lists as a finding. Only with
     * {@link #topic()}.
     *
     * @return the dead-letter topic, or empty for none
     */
    String deadLetterTopic() default "";

    /**
     * The field path in the payload whose records must be applied in the order they were
     * produced, e.g. {@code orderedBy = "orderId"}: records with the same value are the same Kafka
     * key and must not overtake each other, also when one of them is retried. Only with {@link
     * #topic()}; empty means the consumer promises no order (scenario (o) is skipped).
     *
     * @return the dotted field path, or empty
     */
    String orderedBy() default "";

    /**
     * How the Kafka records' values carry the Avro writer schema, e.g. {@code wireFormat =
     * WireFormat.CONFLUENT} for a consumer whose deserializer reads the Confluent wire format
     * (magic byte and 4-byte registry id). {@link WireFormat#HEADER} (the default) sends Avro binary
     * with the schema id in a header. Only with {@link #topic()} and an Avro payload.
     *
     * @return the framing of the scenario records
     */
    WireFormat wireFormat() default WireFormat.HEADER;

    /**
     * The exchange the queue is bound to, e.g. {@code exchange = "orders"}. Empty means the queue
     * receives messages through the default exchange only.
     *
     * @return the exchange name, or empty for no binding
     */
    String exchange() default "";

    /**
     * The routing key of the binding between {@link #exchange()} and {@link #queue()}, e.g.
     * {@code routingKey = "order.placed"}. Ignored when {@link #exchange()} is empty.
     *
     * @return the binding key
     */
    String routingKey() default "";

    /**
     * The queue that receives messages this consumer gives up on, e.g. {@code deadLetterQueue =
     * "inventory.order-placed.dlq"}. Empty means the consumer has no dead-letter queue, which the
     * report lists as a finding.
     *
     * @return the dead-letter queue name, or empty for none
     */
    String deadLetterQueue() default "";

    /**
     * How many times a message is delivered before it is dead-lettered when processing keeps
     * failing with a retryable exception, e.g. {@code maxAttempts = 3}. {@code 0} describes a
     * container that requeues failed messages forever (Spring AMQP's default without a retry
     * interceptor); the contract tests report such a consumer as looping on poison messages.
     *
     * @return the maximum number of deliveries, at least 1, or 0 for "requeue forever"
     */
    int maxAttempts() default ContractDefaults.MAX_ATTEMPTS;

    /**
     * Exceptions that mean "this message can never succeed": the message is dead-lettered after
     * one attempt, e.g. {@code nonRetryable = InvalidOrderException.class}.
     *
     * @return the non-retryable exception types
     */
    Class<? extends Throwable>[] nonRetryable() default {};

    /**
     * The field path in the payload that identifies a business event, e.g. {@code idempotencyKey =
     * "orderId"} or {@code "order.id"} for a nested field. Two messages with the same key are the
     * same event, even when their message ids differ.
     *
     * @return the dotted field path, or empty when the consumer has no business key
     */
    String idempotencyKey() default "";

    /**
     * Field paths in the consumer's effects that differ between runs and must be ignored when
     * runs are compared, e.g. {@code ignoreEffectPaths = {"shipmentId", "requestedAt"}}.
     *
     * @return the dotted paths to ignore
     */
    String[] ignoreEffectPaths() default {};
}
