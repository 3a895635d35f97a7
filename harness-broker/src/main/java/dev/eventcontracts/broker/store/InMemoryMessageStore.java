package dev.eventcontracts.broker.store;

/** Keeps messages in memory only, one {@link MemoryQueueStore} per queue. */
public final class InMemoryMessageStore implements MessageStore {

    @Override
    public QueueStore open(String virtualHost, String queue, boolean durable) {
        return new MemoryQueueStore(0);
    }

    @Override
    public void delete(String virtualHost, String queue) {
        // nothing outlives the queue object
    }
}
