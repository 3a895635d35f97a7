package dev.eventcontracts.junit.internal.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues and exchanges of one scenario run, declared under run-unique names so runs never see
 * each other's messages and a shared broker is left clean: the contract's names plus a suffix
 * {@code .ec-<run id>}.
 *
 * <p>The queue gets {@code x-dead-letter-exchange = ""} (the default exchange) and
 * {@code x-dead-letter-routing-key = <dead-letter queue>} when the contract has a dead-letter
 * queue; a binding to a topic exchange when it has one.
 */
public final class Topology {

    private final String suffix;
    private final String queue;
    private final String exchange;
    private final String routingKey;
    private final String deadLetterQueue;
    private final List<String> declaredExchanges = new ArrayList<>();

    /**
     * @param runId unique id of the run
     * @param queue the contract's queue
     * @param exchange the contract's exchange, or empty
     * @param routingKey the binding key
     * @param deadLetterQueue the contract's dead-letter queue, or empty
     */
    public Topology(String runId, String queue, String exchange, String routingKey, String deadLetterQueue) {
        this.suffix = ".ec-" + runId;
        this.queue = queue + suffix;
        this.exchange = exchange.isEmpty() ? "" : exchange + suffix;
        this.routingKey = exchange.isEmpty() ? this.queue : routingKey;
        this.deadLetterQueue = deadLetterQueue.isEmpty() ? "" : deadLetterQueue + suffix;
    }

    /** The run's name of the consumer queue. */
    public String queue() {
        return queue;
    }

    /** The run's name of the dead-letter queue, or empty. */
    public String deadLetterQueue() {
        return deadLetterQueue;
    }

    /** The exchange samples are published to: the bound exchange, or the default exchange. */
    public String publishExchange() {
        return exchange;
    }

    /** The routing key samples are published with. */
    public String publishRoutingKey() {
        return routingKey;
    }

    /** The run's name for an exchange the consumer publishes to (the default exchange stays). */
    public String effectExchange(String logical) {
        return logical.isEmpty() ? "" : logical + suffix;
    }

    /** The run's routing key for a consumer's publish to the default exchange (routes nowhere). */
    public String effectRoutingKey(String logicalExchange, String routingKey) {
        return logicalExchange.isEmpty() ? routingKey + suffix : routingKey;
    }

    /** The name the consumer used for a run-scoped name (the run suffix removed), or {@code name} itself. */
    public String logicalName(String name) {
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** Declares the dead-letter queue, the queue and the binding. */
    public void declare(Channel channel) throws IOException {
        Map<String, Object> args = new HashMap<>();
        if (!deadLetterQueue.isEmpty()) {
            channel.queueDeclare(deadLetterQueue, true, false, false, null);
            args.put("x-dead-letter-exchange", "");
            args.put("x-dead-letter-routing-key", deadLetterQueue);
        }
        channel.queueDeclare(queue, true, false, false, args);
        if (!exchange.isEmpty()) {
            declareExchange(channel, exchange);
            channel.queueBind(queue, exchange, routingKey);
        }
    }

    /** Declares a run-scoped topic exchange for the consumer's outgoing messages, once. */
    public synchronized void declareEffectExchange(Channel channel, String runExchange) throws IOException {
        if (!runExchange.isEmpty() && !declaredExchanges.contains(runExchange)) {
            declareExchange(channel, runExchange);
        }
    }

    private void declareExchange(Channel channel, String name) throws IOException {
        channel.exchangeDeclare(name, "topic", false, false, null);
        declaredExchanges.add(name);
    }

    /** Deletes everything this run declared. */
    public synchronized void delete(Channel channel) throws IOException {
        channel.queueDelete(queue);
        if (!deadLetterQueue.isEmpty()) {
            channel.queueDelete(deadLetterQueue);
        }
        for (String name : declaredExchanges) {
            channel.exchangeDelete(name);
        }
    }
}
