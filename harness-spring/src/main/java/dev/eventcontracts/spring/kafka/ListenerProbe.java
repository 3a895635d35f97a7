package dev.eventcontracts.spring.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * A record interceptor put in front of the service's own (which it still calls) on the listener's
 * container: counts the listener's attempts per sample record, so (i) can tell a record
 * dead-lettered at once from one retried first, and holds the container's thread after the
 * listener handled one chosen record, before its offset is committed, so (f) can make the group
 * rebalance while that record is in flight (docs/kafka.md §5.3).
 */
final class ListenerProbe implements RecordInterceptor<Object, Object> {

    private final RecordInterceptor<Object, Object> delegate;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile String holdId;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile Duration holdLimit = Duration.ZERO;

    private ListenerProbe(RecordInterceptor<Object, Object> delegate) {
        this.delegate = delegate;
    }

    /**
     * Puts a new probe on {@code container} in front of its interceptor. The container reads its
     * interceptor when it starts: call while it is stopped.
     */
    @SuppressWarnings("unchecked")
    static ListenerProbe attach(MessageListenerContainer container) {
        if (!(container instanceof AbstractMessageListenerContainer<?, ?> c)) {
            throw new IllegalStateException(
                    "The listener container " + container.getClass().getName()
                            + " takes no record interceptor; Kafka service mode needs a Spring Kafka"
                            + " AbstractMessageListenerContainer (the default of @KafkaListener).");
        }
        var typed = (AbstractMessageListenerContainer<Object, Object>) c;
        RecordInterceptor<Object, Object> own = typed.getRecordInterceptor();
        ListenerProbe probe = new ListenerProbe(own instanceof ListenerProbe p ? p.delegate : own);
        typed.setRecordInterceptor(probe);
        return probe;
    }

    /** How often the listener was called with the sample {@code sampleId} (every attempt counts). */
    int attempts(String sampleId) {
        AtomicInteger n = attempts.get(sampleId);
        return n == null ? 0 : n.get();
    }

    /**
     * Holds the container's thread after the listener handled {@code sampleId} until {@link
     * #release()} or {@code limit}.
     */
    void holdAfter(String sampleId, Duration limit) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdLimit = limit;
        holdId = sampleId;
    }

    /** Waits until the container holds the record of {@link #holdAfter}; false after {@code timeout}. */
    boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a held container go on. */
    void release() {
        holdId = null;
        release.countDown();
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(
            ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        ConsumerRecord<Object, Object> r = delegate == null ? record : delegate.intercept(record, consumer);
        String id = sampleId(record);
        if (r != null && id != null) {
            attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
        return r;
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        if (delegate != null) {
            delegate.success(record, consumer);
        }
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        if (delegate != null) {
            delegate.failure(record, exception, consumer);
        }
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        if (delegate != null) {
            delegate.afterRecord(record, consumer);
        }
        String id = sampleId(record);
        if (id != null && id.equals(holdId)) {
            held.countDown();
            try {
                release.await(holdLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void setupThreadState(Consumer<?, ?> consumer) {
        if (delegate != null) {
            delegate.setupThreadState(consumer);
        }
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        if (delegate != null) {
            delegate.clearThreadState(consumer);
        }
    }

    private static String sampleId(ConsumerRecord<?, ?> record) {
        Header h = record.headers().lastHeader(TopicObserver.SAMPLE_HEADER);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
