package dev.eventcontracts.broker.faults;

import java.time.Duration;

/**
 * A fault the harness broker injects, bounded in count or time: into the deliveries of one queue
 * ({@link QueueRule}) or into the publishes clients send to one exchange ({@link PublishRule}).
 * Add rules with {@link Faults#add(FaultRule)}; a rule ends by itself once its count is used up or
 * its time has passed.
 */
public sealed interface FaultRule {

    /** What the rule applies to, for messages and logs: {@code queue 'orders'}, {@code publishes to exchange 'x'}. */
    String target();

    /** A rule about the deliveries (and acks) of one queue. */
    sealed interface QueueRule extends FaultRule {
        /** The queue the rule applies to. */
        String queue();

        @Override
        default String target() {
            return "queue '" + queue() + "'";
        }
    }

    /**
     * A rule about the publishes clients send to one exchange ({@code ""} is the default exchange),
     * with one routing key or any ({@code routingKey == null}); it applies to the next {@code
     * times} matching publishes. A faulted publish is never routed, and the publish journal records
     * it with the rule's {@link #type()} as its fault.
     */
    sealed interface PublishRule extends FaultRule {
        /** The exchange whose publishes the rule matches. */
        String exchange();

        /** The routing key the rule matches, or {@code null} for any. */
        String routingKey();

        /** How many matching publishes the rule faults. */
        int times();

        /** The rule's name in the admin API and the publish journal, e.g. {@code nack-publishes}. */
        String type();

        /** Whether a publish to {@code exchange} with {@code routingKey} is one this rule faults. */
        default boolean matches(String exchange, String routingKey) {
            return exchange().equals(exchange)
                    && (routingKey() == null || routingKey().equals(routingKey));
        }

        @Override
        default String target() {
            return "publishes to exchange '" + exchange() + "'"
                    + (routingKey() == null ? "" : " with routing key '" + routingKey() + "'");
        }
    }

    /**
     * The next {@code times} deliveries from {@code queue} are each sent twice: the second copy has
     * its own delivery tag and {@code redelivered=true}. Settling the copy does not affect the
     * message. For {@code basic.get} the copy is the answer to the channel's next get on the queue.
     */
    record DuplicateDeliveries(String queue, int times) implements QueueRule {
        /** Validates the rule. */
        public DuplicateDeliveries {
            Checks.queue(queue);
            Checks.positive("times", times);
        }
    }

    /**
     * The next {@code times} acks of deliveries from {@code queue} are lost: the broker puts the
     * message back (flagged {@code redelivered}) as if the ack never arrived.
     */
    record LoseAcks(String queue, int times) implements QueueRule {
        /** Validates the rule. */
        public LoseAcks {
            Checks.queue(queue);
            Checks.positive("times", times);
        }
    }

    /**
     * The next {@code times} deliveries from {@code queue} (consumer deliveries and {@code get-ok}
     * answers) are each sent {@code delay} late.
     */
    record DelayDeliveries(String queue, Duration delay, int times) implements QueueRule {
        /** Validates the rule. */
        public DelayDeliveries {
            Checks.queue(queue);
            Checks.positive("delay", delay);
            Checks.positive("times", times);
        }
    }

    /**
     * The next {@code batch} deliveries from {@code queue} to consumers are held and sent in reverse
     * order once the batch is full, or after {@code maxWait} with what was collected. Does not apply
     * to {@code basic.get}: a polling client waits for each answer, so a held batch would stall it.
     */
    record ReorderDeliveries(String queue, int batch, Duration maxWait) implements QueueRule {
        /** Validates the rule. */
        public ReorderDeliveries {
            Checks.queue(queue);
            if (batch < 2) {
                throw new IllegalArgumentException("ReorderDeliveries batch '" + batch + "' must be at least 2");
            }
            Checks.positive("maxWait", maxWait);
        }
    }

    /**
     * After {@code deliveries} deliveries from {@code queue} (to consumers or {@code basic.get}), the
     * channel that received the last one is closed by the broker (320, unacked messages requeued).
     */
    record CloseChannelAfter(String queue, int deliveries) implements QueueRule {
        /** Validates the rule. */
        public CloseChannelAfter {
            Checks.queue(queue);
            Checks.positive("deliveries", deliveries);
        }
    }

    /**
     * After {@code deliveries} deliveries from {@code queue} (to consumers or {@code basic.get}), the
     * connection that received the last one is closed with 320 CONNECTION_FORCED.
     */
    record CloseConnectionAfter(String queue, int deliveries) implements QueueRule {
        /** Validates the rule. */
        public CloseConnectionAfter {
            Checks.queue(queue);
            Checks.positive("deliveries", deliveries);
        }
    }

    /**
     * After {@code deliveries} deliveries from {@code queue} (to consumers or {@code basic.get}),
     * the whole broker restarts with its durable state, as a RabbitMQ node restart does: every
     * client connection is closed with {@code 320 CONNECTION_FORCED}, their unacked messages are
     * requeued, transient, exclusive and auto-deleted queues, transient exchanges and
     * non-persistent messages are gone, durable exchanges, queues and bindings and the persistent
     * messages on durable queues come back (flagged {@code redelivered}), and the broker accepts
     * connections again on the same ports. The rule fires once; the restart ends every other
     * rule. Same as {@code HarnessBroker.restart()}, triggered mid-stream.
     */
    record RestartBroker(String queue, int deliveries) implements QueueRule {
        /** Validates the rule. */
        public RestartBroker {
            Checks.queue(queue);
            Checks.positive("deliveries", deliveries);
        }
    }

    /** {@code queue} delivers nothing to consumers for {@code duration}; publishes still enqueue. */
    record PauseQueue(String queue, Duration duration) implements QueueRule {
        /** Validates the rule. */
        public PauseQueue {
            Checks.queue(queue);
            Checks.positive("duration", duration);
        }
    }

    /**
     * The next {@code times} publishes to {@code exchange} (with {@code routingKey}; {@code null}
     * = any) are not routed: the message is dropped. On a channel in confirm mode the broker answers
     * each with {@code basic.nack} for its sequence number; on a channel without confirms (or in a
     * transaction) the message is lost without a word, as a publisher that does not use confirms
     * loses messages to a real broker.
     */
    record NackPublishes(String exchange, String routingKey, int times) implements PublishRule {
        /** Validates the rule. */
        public NackPublishes {
            Checks.exchange(exchange);
            Checks.positive("times", times);
        }

        @Override
        public String type() {
            return "nack-publishes";
        }
    }

    /**
     * The next {@code times} publishes to {@code exchange} (with {@code routingKey}; {@code null}
     * = any) are not routed, and the broker closes the publishing channel with {@code 403
     * ACCESS_REFUSED}, as RabbitMQ does when a user lacks write permission on the exchange.
     */
    record RefusePublishes(String exchange, String routingKey, int times) implements PublishRule {
        /** Validates the rule. */
        public RefusePublishes {
            Checks.exchange(exchange);
            Checks.positive("times", times);
        }

        @Override
        public String type() {
            return "refuse-publishes";
        }
    }

    /**
     * The next {@code times} publishes to {@code exchange} (with {@code routingKey}; {@code null}
     * = any) are not routed, and the broker closes the publishing connection with {@code 320
     * CONNECTION_FORCED}.
     */
    record CloseConnectionOnPublish(String exchange, String routingKey, int times) implements PublishRule {
        /** Validates the rule. */
        public CloseConnectionOnPublish {
            Checks.exchange(exchange);
            Checks.positive("times", times);
        }

        @Override
        public String type() {
            return "close-connection-on-publish";
        }
    }
}
