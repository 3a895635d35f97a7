package dev.eventcontracts.spring.internal;

import com.rabbitmq.client.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Counts the listener's attempts per message id: it wraps the container's message listener, which
 * the container calls inside its advice chain — so every attempt of a retry interceptor counts,
 * stateless retries in the same delivery included, which the broker's delivery counter does not
 * see. The service's behaviour is unchanged: each call goes to the listener it wraps. One counter
 * wraps the listener's container in every instance of the service (the primary after a restart, a
 * second instance): the counts and the injected failures hold for whichever instance consumes.
 */
public final class AttemptCounter {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    private AttemptCounter() {}

    /**
     * Wraps {@code container}'s listener (stopping and restarting a running container so its
     * consumers see the change) and returns the counter.
     */
    static AttemptCounter install(AbstractMessageListenerContainer container) {
        if (container.getMessageListener() instanceof Counting installed) {
            return installed.counter;
        }
        AttemptCounter counter = new AttemptCounter();
        counter.installOn(container);
        return counter;
    }

    /**
     * Wraps {@code container}'s listener with this counter (a container of another instance of the
     * service, or of the primary after a restart); nothing when it is wrapped already.
     */
    void installOn(AbstractMessageListenerContainer container) {
        MessageListener current = container.getMessageListener();
        if (current instanceof Counting installed) {
            if (installed.counter == this) {
                return;
            }
            current = installed.delegate;
        }
        Counting counting = new Counting(this, current);
        boolean running = container.isRunning();
        if (running) {
            container.stop();
        }
        container.setMessageListener(counting);
        if (running) {
            container.start();
        }
    }

    /** The listener {@code listener} wraps, or {@code listener} itself. */
    static Object unwrap(Object listener) {
        return listener instanceof Counting counting ? counting.delegate : listener;
    }

    /**
     * Makes every attempt at the message of id {@code messageId} fail before the listener runs, as
     * an unexpected exception of the listener would (a database that stays down): the container's
     * retry, error handler, requeue settings and dead-lettering decide what happens to it.
     */
    public void failAlways(String messageId) {
        failing.add(messageId);
    }

    /** How often the listener was called with the message of id {@code messageId}. */
    public int attempts(String messageId) {
        AtomicInteger n = attempts.get(messageId);
        return n == null ? 0 : n.get();
    }

    private void count(Message message) {
        String id = message.getMessageProperties().getMessageId();
        if (id != null) {
            attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (failing.contains(id)) {
                throw new InjectedFailure(id);
            }
        }
    }

    /** The failure {@link #failAlways} injects. */
    public static final class InjectedFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String messageId) {
            super("event-contracts: injected failure that persists, for message " + messageId
                    + " (as if the listener's database stayed down)");
        }
    }

    /** The container's listener: counts, injects, then calls the service's listener. */
    static final class Counting implements ChannelAwareMessageListener {

        private final AttemptCounter counter;
        private final MessageListener delegate;

        Counting(AttemptCounter counter, MessageListener delegate) {
            this.counter = counter;
            this.delegate = delegate;
        }

        @Override
        public void onMessage(Message message, Channel channel) throws Exception {
            counter.count(message);
            if (delegate instanceof ChannelAwareMessageListener aware) {
                aware.onMessage(message, channel);
            } else {
                delegate.onMessage(message);
            }
        }

        @Override
        public void onMessage(Message message) {
            counter.count(message);
            delegate.onMessage(message);
        }

        @Override
        public void onMessageBatch(List<Message> messages, Channel channel) {
            messages.forEach(counter::count);
            if (delegate instanceof ChannelAwareMessageListener aware) {
                aware.onMessageBatch(messages, channel);
            } else {
                delegate.onMessageBatch(messages);
            }
        }

        @Override
        public void containerAckMode(AcknowledgeMode mode) {
            delegate.containerAckMode(mode);
        }

        @Override
        public boolean isAsyncReplies() {
            return delegate.isAsyncReplies();
        }
    }
}
