package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import java.util.List;
import java.util.Map;

/**
 * Immutable snapshots of a virtual host's state for the admin API and metrics. Taken on the
 * virtual host's thread, safe to read anywhere afterwards.
 */
public final class Views {
    private Views() {}

    /** A queue with its counts, lifetime counters and the name of the policy in force (or null). */
    public record QueueView(
            String name,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            Map<String, Object> arguments,
            int messagesReady,
            int messagesUnacknowledged,
            long messageBytesReady,
            int consumers,
            QueueCounters counters,
            String policy) {}

    /**
     * Lifetime counters of a queue: messages accepted, delivered (consume and get), delivered with
     * {@code redelivered=true}, settled (acked or auto-acked) and dead-lettered to an existing DLX.
     */
    public record QueueCounters(long published, long delivered, long redelivered, long acked, long deadLettered) {}

    /** An exchange. */
    public record ExchangeView(
            String name,
            String type,
            boolean durable,
            boolean autoDelete,
            boolean internal,
            Map<String, Object> arguments) {}

    /** A binding; {@code destinationType} is {@code queue} or {@code exchange}. */
    public record BindingView(
            String source,
            String destination,
            String destinationType,
            String routingKey,
            Map<String, Object> arguments) {}

    /** A client connection and its memory-alarm flow-control state. */
    public record ConnectionView(
            long id,
            String name,
            String user,
            long connectedAtMillis,
            int channels,
            ClientConnection.FlowState state,
            Map<String, Object> clientProperties) {}

    /**
     * The memory alarm: bytes of message bodies and headers held by the queues, the high watermark
     * (0 = flow control off) and whether the alarm is on.
     */
    public record MemoryView(long used, long highWatermark, boolean alarm) {}

    /** One channel of a connection. */
    public record ChannelView(
            long connectionId,
            String connectionName,
            int number,
            String user,
            int consumers,
            int messagesUnacknowledged,
            int prefetchCount,
            boolean confirm,
            boolean transactional) {}

    /** A message in a queue as peeked or fetched by the admin API. */
    public record MessageView(
            String exchange,
            String routingKey,
            boolean redelivered,
            int deliveryCount,
            BasicProperties properties,
            byte[] body) {}

    /**
     * One client publish as routed: sequence in the journal, wall-clock time, exchange, routing
     * key, the queues it reached, whether it was returned as unroutable, and the confirm result
     * ({@code ack}, {@code nack}, or {@code none} outside confirm mode), the message id and body
     * size; the publishing connection's id and name; and the body, or {@code null} once the
     * journal's body budget ({@code PublishJournal.BODY_BUDGET}) dropped it; and the type of the
     * fault rule that stopped the publish ({@code nack-publishes}, {@code refuse-publishes}, {@code
     * close-connection-on-publish}: not routed), or {@code null}. Contract tests read the bodies as
     * a consumer's effects (docs/contract-tests.md).
     */
    public record PublishRecord(
            long sequence,
            long timestampMillis,
            String exchange,
            String routingKey,
            List<String> routedQueues,
            boolean returned,
            String confirm,
            String messageId,
            int bodySize,
            long connectionId,
            String connectionName,
            byte[] body,
            String fault) {

        /** A record of a publish no fault rule stopped. */
        public PublishRecord(
                long sequence,
                long timestampMillis,
                String exchange,
                String routingKey,
                List<String> routedQueues,
                boolean returned,
                String confirm,
                String messageId,
                int bodySize,
                long connectionId,
                String connectionName,
                byte[] body) {
            this(
                    sequence,
                    timestampMillis,
                    exchange,
                    routingKey,
                    routedQueues,
                    returned,
                    confirm,
                    messageId,
                    bodySize,
                    connectionId,
                    connectionName,
                    body,
                    null);
        }

        /** Whether a fault rule stopped this publish (it was not routed). */
        public boolean faulted() {
            return fault != null;
        }

        /** A record without the publishing connection and body (both unknown). */
        public PublishRecord(
                long sequence,
                long timestampMillis,
                String exchange,
                String routingKey,
                List<String> routedQueues,
                boolean returned,
                String confirm,
                String messageId,
                int bodySize) {
            this(
                    sequence,
                    timestampMillis,
                    exchange,
                    routingKey,
                    routedQueues,
                    returned,
                    confirm,
                    messageId,
                    bodySize,
                    0,
                    "",
                    null,
                    null);
        }
    }
}
