package dev.eventcontracts.broker.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory store of a broker restarted without a data directory: it starts with the durable
 * topology and the persistent messages of durable queues that the broker had before the restart,
 * as {@link #recovered()} and through {@link #open}, exactly like a durable store after recovery;
 * afterwards it keeps everything in memory like {@link InMemoryMessageStore}.
 */
public final class RestartedMemoryStore implements MessageStore {
    private final Topology topology;
    private final Map<String, List<QueueEntry>> messages;

    /**
     * A store that hands back {@code topology} and, per durable queue, {@code messages} in queue
     * order (each entry keeps its sequence number).
     */
    public RestartedMemoryStore(Topology topology, Map<String, List<QueueEntry>> messages) {
        this.topology = topology;
        this.messages = new HashMap<>(messages);
    }

    @Override
    public Topology recovered() {
        return topology;
    }

    @Override
    public QueueStore open(String virtualHost, String queue, boolean durable) {
        List<QueueEntry> carried = durable ? messages.remove(queue) : null;
        if (carried == null || carried.isEmpty()) {
            return new MemoryQueueStore(0);
        }
        MemoryQueueStore store =
                new MemoryQueueStore(carried.get(carried.size() - 1).sequence());
        carried.forEach(store::append);
        return store;
    }

    @Override
    public void delete(String virtualHost, String queue) {
        messages.remove(queue);
    }
}
