package dev.eventcontracts.spring.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;

/**
 * The listener under contract, as the internals need it (built from the public {@code
 * ServiceContract}).
 *
 * @param listenerClass the class declaring the listener method
 * @param listener the listener method: a {@code @RabbitListener} method, or a {@code
 *     @RabbitHandler} method of a class annotated {@code @RabbitListener}
 * @param queue the queue, possibly with placeholders, or empty for the container's
 * @param claimedDeadLetterQueue the dead-letter queue {@code @EventConsumer} claims, or empty
 * @param claimedMaxAttempts the attempts {@code @EventConsumer} claims, or 0
 */
public record ListenerTarget(
        Class<?> listenerClass, Method listener, String queue, String claimedDeadLetterQueue, int claimedMaxAttempts) {

    /** {@code SimpleName#method}, or {@code SimpleName#method(Payload)} for an overloaded handler. */
    public String displayName() {
        return listenerClass.getSimpleName() + "#" + handlerName();
    }

    /** {@code fully.qualified.Name#method}(or {@code #method(Payload)}), as the results file names the consumer. */
    public String consumerId() {
        return listenerClass.getName() + "#" + handlerName();
    }

    /** The file name stem of the results: {@code SimpleName-method} or {@code SimpleName-method-Payload}. */
    public String fileStem() {
        return listenerClass.getSimpleName() + "-" + listener.getName()
                + (overloaded() ? "-" + payloadType().getSimpleName() : "");
    }

    /** {@code method}, or {@code method(Payload)} when the class has other handlers of that name. */
    public String handlerName() {
        return overloaded() ? listener.getName() + "(" + payloadType().getSimpleName() + ")" : listener.getName();
    }

    /** Whether this is a {@code @RabbitHandler} method and the class has other handlers of its name. */
    public boolean overloaded() {
        if (!listener.isAnnotationPresent(RabbitHandler.class)) {
            return false;
        }
        return Arrays.stream(listenerClass.getDeclaredMethods())
                        .filter(m -> !m.isSynthetic() && m.getName().equals(listener.getName()))
                        .filter(m -> m.isAnnotationPresent(RabbitHandler.class))
                        .count()
                > 1;
    }

    /**
     * The payload parameter's type: the one annotated {@code @Payload}, else the first that is not
     * a {@code Channel}, {@code Message}, {@code MessageHeaders} or {@code @Header(s)}.
     *
     * @throws IllegalStateException naming the listener when it has none
     */
    public Class<?> payloadType() {
        for (Parameter p : listener.getParameters()) {
            if (hasAnnotation(p, "Payload")) {
                return p.getType();
            }
        }
        for (Parameter p : listener.getParameters()) {
            Class<?> type = p.getType();
            if (isInfrastructure(type) || hasAnnotation(p, "Header", "Headers")) {
                continue;
            }
            return type;
        }
        throw new IllegalStateException("Listener " + listenerClass.getSimpleName() + "#" + listener.getName()
                + " has no payload parameter; service mode needs one to build sample messages.");
    }

    private static boolean isInfrastructure(Class<?> type) {
        String name = type.getName();
        return name.equals("com.rabbitmq.client.Channel")
                || name.equals("org.springframework.amqp.core.Message")
                || name.equals("org.springframework.messaging.Message")
                || name.equals("org.springframework.messaging.MessageHeaders");
    }

    private static boolean hasAnnotation(Parameter p, String... simpleNames) {
        for (Annotation a : p.getAnnotations()) {
            for (String n : simpleNames) {
                if (a.annotationType().getSimpleName().equals(n)) {
                    return true;
                }
            }
        }
        return false;
    }
}
