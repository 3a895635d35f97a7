package dev.eventcontracts.spring.internal;

import java.lang.reflect.Method;

/**
 * The listener under contract, as the internals need it (built from the public {@code
 * ListenerTarget}).
 *
 * @param listenerClass the class declaring the listener method
 * @param listener the listener method
 * @param queue the queue, possibly with placeholders, or empty for the container's
 * @param claimedDeadLetterQueue the dead-letter queue {@code @EventConsumer} claims, or empty
 * @param claimedMaxAttempts the attempts {@code @EventConsumer} claims, or 0
 */
public record ListenerTarget(
        Class<?> listenerClass, Method listener, String queue, String claimedDeadLetterQueue, int claimedMaxAttempts) {

    /** {@code SimpleName#method}, as messages name the listener. */
    public String displayName() {
        return listenerClass.getSimpleName() + "#" + listener.getName();
    }

    /** {@code fully.qualified.Name#method}, as the results file names the consumer. */
    public String consumerId() {
        return listenerClass.getName() + "#" + listener.getName();
    }
}
