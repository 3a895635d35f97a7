package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.store.QueueEntry;
import java.util.function.BooleanSupplier;

/**
 * The fault rules on a session's way out (docs/broker.md, Fault injection): a decorator of the
 * {@link DeliveryOutlet} that asks the virtual host's {@link FaultInjector} for the plan of each
 * delivery and carries it out: sends it later, holds it for reordering, sends a copy under a tag
 * of its own, then closes the channel or connection or restarts the broker. Without a rule for
 * the queue, the delivery goes straight through.
 */
final class FaultedDeliveries implements DeliveryOutlet {
    private final DeliveryOutlet inner;
    private final VirtualHost vhost;
    private final Deliveries deliveries;
    private final SessionOutput output;
    private final BooleanSupplier closed;

    /**
     * @param inner where deliveries go when sent
     * @param deliveries the session's bookkeeping, for a copy's delivery tag
     * @param output the session's output, for the closing faults
     * @param closed whether the session closed meanwhile (a delayed delivery is then dropped)
     */
    FaultedDeliveries(
            DeliveryOutlet inner,
            VirtualHost vhost,
            Deliveries deliveries,
            SessionOutput output,
            BooleanSupplier closed) {
        this.inner = inner;
        this.vhost = vhost;
        this.deliveries = deliveries;
        this.output = output;
        this.closed = closed;
    }

    @Override
    public void deliver(
            dev.eventcontracts.broker.core.Consumer c,
            MessageQueue q,
            QueueEntry e,
            long tag,
            boolean redelivered,
            BasicProperties properties) {
        FaultInjector faults = vhost.faults();
        FaultInjector.Plan plan = faults.onDelivery(q.name);
        if (plan == FaultInjector.Plan.NONE) {
            inner.deliver(c, q, e, tag, redelivered, properties);
            return;
        }
        faults.emit(plan, () -> {
            if (!closed.getAsBoolean()) {
                inner.deliver(c, q, e, tag, redelivered, properties);
            }
        });
        if (plan.duplicate()) {
            long copyTag = deliveries.nextTag();
            deliveries.copyToConsumer(copyTag, c, q, e);
            faults.emit(plan, () -> {
                if (!closed.getAsBoolean()) {
                    inner.deliver(c, q, e, copyTag, true, properties);
                }
            });
        }
        afterDelivery(plan, tag, q);
    }

    @Override
    public void getOk(
            MessageQueue q, QueueEntry e, long tag, boolean redelivered, BasicProperties properties, int count) {
        FaultInjector faults = vhost.faults();
        FaultInjector.Plan plan = faults.onGet(q.name);
        if (plan == FaultInjector.Plan.NONE) {
            inner.getOk(q, e, tag, redelivered, properties, count);
            return;
        }
        faults.emit(plan, () -> {
            if (!closed.getAsBoolean()) {
                inner.getOk(q, e, tag, redelivered, properties, count);
            }
        });
        if (plan.duplicate()) {
            deliveries.leaveGetCopy(q, e);
        }
        afterDelivery(plan, tag, q);
    }

    /** The closing faults a plan asks for, once the delivery {@code tag} from {@code q} is on its way. */
    private void afterDelivery(FaultInjector.Plan plan, long tag, MessageQueue q) {
        if (plan.closeChannel() || plan.closeConnection()) {
            String text = "CONNECTION_FORCED - closed by harness fault rule after delivery " + tag + " from queue '"
                    + q.name + "'";
            vhost.executor().execute(() -> {
                if (plan.closeConnection()) {
                    output.closeConnection(AmqpException.CONNECTION_FORCED, text);
                } else if (!closed.getAsBoolean()) {
                    output.closeChannel(AmqpException.CONNECTION_FORCED, text);
                }
            });
        }
        if (plan.restart()) {
            vhost.requestRestart("fault rule RestartBroker after delivery " + tag + " from queue '" + q.name + "'");
        }
    }
}
