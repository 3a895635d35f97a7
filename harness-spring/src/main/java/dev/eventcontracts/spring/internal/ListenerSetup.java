package dev.eventcontracts.spring.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * What the running service says about one listener: its queue, its container's acknowledge mode
 * and kind, the converter that encodes samples as the service reads them, the payload type.
 *
 * @param queue the queue the listener reads
 * @param containerKind {@code simple} or {@code direct}: the {@code spring.rabbitmq.listener.<kind>}
 *     prefix of its properties
 * @param acknowledgeMode the container's acknowledge mode
 * @param converter the service's message converter
 * @param payloadType the listener's payload parameter type
 * @param environment the service's environment, for the values of its properties
 * @param queueArguments the queue's arguments at the broker
 */
public record ListenerSetup(
        String queue,
        String containerKind,
        AcknowledgeMode acknowledgeMode,
        MessageConverter converter,
        Class<?> payloadType,
        Environment environment,
        java.util.Map<String, Object> queueArguments) {

    /** The queue's argument as the broker holds it at the time of the call, or {@code "(none)"}. */
    public String queueArgument(String name) {
        Object v = queueArguments.get(name);
        return v == null ? "(none)" : String.valueOf(v);
    }

    /** The property key {@code spring.rabbitmq.listener.<kind>.<name>}. */
    public String property(String name) {
        return "spring.rabbitmq.listener." + containerKind + "." + name;
    }

    /** The property's value in the service, or {@code fallback + " (Spring's default)"}. */
    public String propertyValue(String name, String fallback) {
        String v = environment.getProperty(property(name));
        return v == null ? fallback + " (Spring's default)" : v;
    }

    /**
     * Reads the listener's setup from the running context.
     *
     * @throws IllegalStateException naming the listener, the queues found and the fix
     */
    public static ListenerSetup read(
            ConfigurableApplicationContext context, ListenerTarget contract, BrokerAdmin admin) {
        Environment env = context.getEnvironment();
        String queue = contract.queue().isBlank() ? "" : env.resolvePlaceholders(contract.queue());
        List<AbstractMessageListenerContainer> containers = new ArrayList<>();
        context.getBeanProvider(RabbitListenerEndpointRegistry.class).ifAvailable(registry -> {
            for (MessageListenerContainer c : registry.getListenerContainers()) {
                if (c instanceof AbstractMessageListenerContainer a) {
                    containers.add(a);
                }
            }
        });
        context.getBeansOfType(AbstractMessageListenerContainer.class).values().forEach(c -> {
            if (!containers.contains(c)) {
                containers.add(c);
            }
        });
        List<String> seen = new ArrayList<>();
        AbstractMessageListenerContainer match = null;
        for (AbstractMessageListenerContainer c : containers) {
            List<String> names = Arrays.asList(c.getQueueNames());
            seen.addAll(names);
            if (queue.isEmpty() ? containers.size() == 1 : names.contains(queue)) {
                match = c;
            }
        }
        if (match == null) {
            throw new IllegalStateException("No listener container of the service reads queue '" + queue
                    + "' of " + contract.displayName() + "; the containers read " + seen
                    + ". Check @RabbitListener(queues=...) or regenerate the contract tests.");
        }
        if (queue.isEmpty()) {
            queue = match.getQueueNames()[0];
        }
        String kind = match.getClass().getSimpleName().startsWith("Direct") ? "direct" : "simple";
        java.util.Map<String, Object> arguments =
                admin.queue(queue).map(BrokerAdmin.QueueState::arguments).orElse(java.util.Map.of());
        return new ListenerSetup(
                queue,
                kind,
                match.getAcknowledgeMode(),
                converter(context, match),
                payloadType(contract),
                env,
                arguments);
    }

    private static MessageConverter converter(
            ConfigurableApplicationContext context, AbstractMessageListenerContainer c) {
        MessageListener listener = c.getMessageListener();
        if (listener != null) {
            try {
                Method getter = listener.getClass().getMethod("getMessageConverter");
                Object converter = getter.invoke(listener);
                if (converter instanceof MessageConverter m) {
                    return m;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not a messaging adapter: fall through
            }
        }
        var beans = context.getBeansOfType(MessageConverter.class);
        if (beans.size() == 1) {
            return beans.values().iterator().next();
        }
        RabbitTemplate template = context.getBeanProvider(RabbitTemplate.class).getIfAvailable();
        return template != null ? template.getMessageConverter() : new SimpleMessageConverter();
    }

    private static Class<?> payloadType(ListenerTarget contract) {
        for (Parameter p : contract.listener().getParameters()) {
            Class<?> type = p.getType();
            if (isInfrastructure(type) || hasAnnotation(p, "Header", "Headers")) {
                continue;
            }
            return type;
        }
        throw new IllegalStateException("Listener " + contract.displayName()
                + " has no payload parameter; service mode needs one to build sample messages.");
    }

    private static boolean isInfrastructure(Class<?> type) {
        String name = type.getName();
        return name.equals("com.rabbitmq.client.Channel")
                || name.equals("org.springframework.amqp.core.Message")
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
