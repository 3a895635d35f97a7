package dev.eventcontracts.broker.faults;

import java.time.Duration;

/**
 * A fault the harness broker injects into the deliveries of one queue, bounded in count or time.
 * Add rules with {@link Faults#add(FaultRule)}; a rule ends by itself once its count is used up or
 * its time has passed.
 */
public sealed interface FaultRule {

    /** The queue the rule applies to. */
    String queue();

    /**
     * The next {@code times} deliveries from {@code queue} are each sent twice: the second copy has
     * its own delivery tag and {@code redelivered=true}. Settling the copy does not affect the
     * message. For {@code basic.get} the copy is the answer to the channel's next get on the queue.
     */
    record DuplicateDeliveries(String queue, int times) implements FaultRule {
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
    record LoseAcks(String queue, int times) implements FaultRule {
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
    record DelayDeliveries(String queue, Duration delay, int times) implements FaultRule {
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
    record ReorderDeliveries(String queue, int batch, Duration maxWait) implements FaultRule {
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
    record CloseChannelAfter(String queue, int deliveries) implements FaultRule {
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
    record CloseConnectionAfter(String queue, int deliveries) implements FaultRule {
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
    record RestartBroker(String queue, int deliveries) implements FaultRule {
        /** Validates the rule. */
        public RestartBroker {
            Checks.queue(queue);
            Checks.positive("deliveries", deliveries);
        }
    }

    /** {@code queue} delivers nothing to consumers for {@code duration}; publishes still enqueue. */
    record PauseQueue(String queue, Duration duration) implements FaultRule {
        /** Validates the rule. */
        public PauseQueue {
            Checks.queue(queue);
            Checks.positive("duration", duration);
        }
    }
}
