package dev.eventcontracts.broker.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps messages in memory only. Each queue is a deque of fresh entries plus a small heap of
 * requeued ones: every requeued entry was taken from the head earlier, so it precedes everything
 * still in the deque, and the heap restores original positions among the requeued.
 */
public final class InMemoryMessageStore implements MessageStore {

    @Override
    public QueueStore open(String virtualHost, String queue, boolean durable) {
        return new MemoryQueue();
    }

    @Override
    public void delete(String virtualHost, String queue) {
        // nothing outlives the queue object
    }

    private static final class MemoryQueue implements QueueStore {
        private final ArrayDeque<QueueEntry> fresh = new ArrayDeque<>();
        private final PriorityQueue<QueueEntry> requeued =
                new PriorityQueue<>(Comparator.comparingLong(QueueEntry::sequence));
        private long bytes;
        private long sequence;

        @Override
        public void append(QueueEntry entry) {
            fresh.addLast(entry);
            bytes += entry.message().body().length;
        }

        @Override
        public void requeue(QueueEntry entry) {
            requeued.add(entry);
            bytes += entry.message().body().length;
        }

        @Override
        public QueueEntry peek() {
            QueueEntry r = requeued.peek();
            return r != null ? r : fresh.peekFirst();
        }

        @Override
        public QueueEntry poll() {
            QueueEntry e = requeued.poll();
            if (e == null) {
                e = fresh.pollFirst();
            }
            if (e != null) {
                bytes -= e.message().body().length;
            }
            return e;
        }

        @Override
        public void settled(QueueEntry entry) {
            // nothing to release
        }

        @Override
        public int size() {
            return fresh.size() + requeued.size();
        }

        @Override
        public long bodyBytes() {
            return bytes;
        }

        @Override
        public List<QueueEntry> drain() {
            List<QueueEntry> all = new ArrayList<>(size());
            QueueEntry e;
            while ((e = poll()) != null) {
                all.add(e);
            }
            return all;
        }

        @Override
        public long nextSequence() {
            return ++sequence;
        }
    }
}
