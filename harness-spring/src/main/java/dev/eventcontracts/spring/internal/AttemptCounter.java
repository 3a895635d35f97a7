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
 * see. The service's behaviour is unchanged: each call goes to the listener it wraps.
 */
public final class AttemptCounter implements ChannelAwareMessageListener {

    private final MessageListener delegate;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    private AttemptCounter(MessageListener delegate) {
        this.delegate = delegate;
    }

    /**
     * Wraps {@code container}'s listener (stopping and restarting a running container so its
     * consumers see the change) and returns the counter.
     */
    static AttemptCounter install(AbstractMessageListenerContainer container) {
        if (container.getMessageListener() instanceof AttemptCounter installed) {
            return installed;
        }
        AttemptCounter counter = new AttemptCounter(container.getMessageListener());
        boolean running = container.isRunning();
        if (running) {
            container.stop();
        }
        container.setMessageListener(counter);
        if (running) {
            container.start();
        }
        return counter;
    }

    /** The listener it wraps. */
    MessageListener delegate() {
        return delegate;
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

    @Override
    public void onMessage(Message message, Channel channel) throws Exception {
        count(message);
        if (delegate instanceof ChannelAwareMessageListener aware) {
            aware.onMessage(message, channel);
        } else {
            delegate.onMessage(message);
        }
    }

    @Override
    public void onMessage(Message message) {
        count(message);
        delegate.onMessage(message);
    }

    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        messages.forEach(this::count);
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
