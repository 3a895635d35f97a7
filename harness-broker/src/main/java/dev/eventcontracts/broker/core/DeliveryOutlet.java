package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.store.QueueEntry;

/**
 * How a session's deliveries (booked in {@link Deliveries}) leave for its client: {@link
 * #direct} sends them as they are, {@link FaultedDeliveries} decorates that with the fault
 * rules' plans (duplicate, delay, reorder, close, restart).
 */
interface DeliveryOutlet {

    /** {@code basic.deliver} of {@code e} from {@code q} to consumer {@code c}. */
    void deliver(
            dev.eventcontracts.broker.core.Consumer c,
            MessageQueue q,
            QueueEntry e,
            long tag,
            boolean redelivered,
            BasicProperties properties);

    /** {@code basic.get-ok} of {@code e} from {@code q}, with the queue's remaining message count. */
    void getOk(MessageQueue q, QueueEntry e, long tag, boolean redelivered, BasicProperties properties, int count);

    /** Straight to the client. */
    static DeliveryOutlet direct(SessionOutput output) {
        return new DeliveryOutlet() {
            @Override
            public void deliver(
                    dev.eventcontracts.broker.core.Consumer c,
                    MessageQueue q,
                    QueueEntry e,
                    long tag,
                    boolean redelivered,
                    BasicProperties properties) {
                output.deliver(c.tag, tag, redelivered, e.message(), properties);
            }

            @Override
            public void getOk(
                    MessageQueue q,
                    QueueEntry e,
                    long tag,
                    boolean redelivered,
                    BasicProperties properties,
                    int count) {
                output.getOk(tag, redelivered, e.message(), properties, count);
            }
        };
    }
}
