package dev.eventcontracts.broker.store;

/**
 * Where queues keep their messages. The narrow seam durability plugs into: the core opens one
 * {@link QueueStore} per queue and deletes it with the queue.
 */
public interface MessageStore {

    /** Opens (or creates) the store of a queue. */
    QueueStore open(String virtualHost, String queue, boolean durable);

    /** Deletes the store of a queue and everything in it. */
    void delete(String virtualHost, String queue);
}
