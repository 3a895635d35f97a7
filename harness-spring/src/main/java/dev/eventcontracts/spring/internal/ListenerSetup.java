package dev.eventcontracts.spring.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
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
 * @param queueArguments the queue's arguments at the broker, with the dead-letter settings of the
 *     policy in force
 * @param attempts the listener's attempts per message, counted inside the container's retry
 * @param listenerName the listener as messages name it ({@code Class#method})
 */
public record ListenerSetup(
        String queue,
        String containerKind,
        AcknowledgeMode acknowledgeMode,
        MessageConverter converter,
        Class<?> payloadType,
        Environment environment,
        java.util.Map<String, Object> queueArguments,
        AttemptCounter attempts,
        String listenerName) {

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
     * Whether the service runs on Spring Boot 4, whose listener retry is configured by {@code
     * retry.max-retries} (attempts = retries + 1) where Boot 3 had {@code retry.max-attempts}.
     */
    public static boolean boot4() {
        try {
            Class.forName(
                    "org.springframework.boot.amqp.autoconfigure.RabbitProperties",
                    false,
                    ListenerSetup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The listener's retry configuration in the service's own words, e.g. {@code
     * spring.rabbitmq.listener.simple.retry.enabled = true,
     * spring.rabbitmq.listener.simple.retry.max-retries = 3 (Spring's default)}; on Boot 4 a
     * {@code max-attempts} the service still sets is named as ignored.
     */
    public String retryDescription() {
        String enabled = property("retry.enabled") + " = " + propertyValue("retry.enabled", "false");
        if (!boot4()) {
            return enabled + ", " + property("retry.max-attempts") + " = " + propertyValue("retry.max-attempts", "3");
        }
        String text = enabled + ", " + property("retry.max-retries") + " = " + propertyValue("retry.max-retries", "3");
        String old = environment.getProperty(property("retry.max-attempts"));
        if (old != null) {
            text += "; " + property("retry.max-attempts") + " = " + old
                    + " is ignored by Spring Boot 4, which renamed it max-retries (attempts = retries + 1)";
        }
        return text;
    }

    /** The setting that makes the listener try a failing message {@code attempts} times. */
    public String retrySetting(int attempts) {
        return boot4()
                ? property("retry.max-retries") + ": " + (attempts - 1) + " (" + attempts + " attempts)"
                : property("retry.max-attempts") + ": " + attempts;
    }

    /**
     * Reads the listener's setup from the running context. The container is the one whose
     * listener adapter invokes the contract's method (so SpEL, bean references and anonymous
     * queues need no static resolution), else the one reading the contract's queue.
     *
     * @throws IllegalStateException naming the listener, the queues found and the fix
     */
    public static ListenerSetup read(
            ConfigurableApplicationContext context, ListenerTarget contract, BrokerAdmin admin) {
        Environment env = context.getEnvironment();
        String queue = contract.queue().isBlank() ? "" : resolve(env, contract);
        AbstractMessageListenerContainer match = container(context, contract, queue);
        List<String> names = Arrays.asList(match.getQueueNames());
        if (!names.contains(queue)) {
            queue = names.get(0);
        }
        String kind = match.getClass().getSimpleName().startsWith("Direct") ? "direct" : "simple";
        java.util.Map<String, Object> arguments = admin.queue(queue)
                .map(BrokerAdmin.QueueState::effectiveArguments)
                .orElse(java.util.Map.of());
        MessageConverter converter = converter(context, match);
        return new ListenerSetup(
                queue,
                kind,
                match.getAcknowledgeMode(),
                converter,
                contract.payloadType(),
                env,
                arguments,
                AttemptCounter.install(match),
                contract.displayName());
    }

    /**
     * Wraps the listener's container in {@code context} — the primary after a restart, or a second
     * instance — with this setup's attempt counter, so attempts are counted and injected failures
     * reach the container whichever instance consumes.
     *
     * @throws IllegalStateException when that context runs no container of the listener
     */
    public void attach(ConfigurableApplicationContext context, ListenerTarget contract) {
        attempts.installOn(container(context, contract, queue));
    }

    /** The container that runs {@code contract}'s listener in {@code context}. */
    private static AbstractMessageListenerContainer container(
            ConfigurableApplicationContext context, ListenerTarget contract, String queue) {
        List<AbstractMessageListenerContainer> containers = containers(context);
        AbstractMessageListenerContainer match = null;
        for (AbstractMessageListenerContainer c : containers) {
            if (ListenerMethods.invokes(c, contract)
                    && (match == null || Arrays.asList(c.getQueueNames()).contains(queue))) {
                match = c;
            }
        }
        // by queue only where the adapters cannot be read (docs/service-mode.md, limits)
        boolean introspectable = containers.stream()
                .anyMatch(c -> !ListenerMethods.methods(ListenerMethods.unwrap(c.getMessageListener()))
                        .isEmpty());
        List<String> seen = new ArrayList<>();
        for (AbstractMessageListenerContainer c : containers) {
            List<String> names = Arrays.asList(c.getQueueNames());
            seen.addAll(names);
            if (match == null
                    && !introspectable
                    && (queue.isEmpty() ? containers.size() == 1 : names.contains(queue))) {
                match = c;
            }
        }
        if (match == null) {
            throw new IllegalStateException("No listener container of the service runs " + contract.displayName()
                    + (queue.isEmpty()
                            ? " (its queue '" + contract.queue() + "' could not be resolved before the run)"
                            : " or reads queue '" + queue + "'")
                    + "; the containers read " + seen + ". Check that the listener is a bean of the service"
                    + " (component scan or @Bean) and its @RabbitListener(queues=...), or regenerate the contract"
                    + " tests.");
        }
        return match;
    }

    private static String resolve(Environment env, ListenerTarget contract) {
        try {
            return env.resolveRequiredPlaceholders(contract.queue());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The queue '" + contract.queue() + "' of " + contract.displayName()
                            + " names a property the service does not set: " + e.getMessage()
                            + ". Set it in the service's"
                            + " application.yml/properties, or give the placeholder a default (${name:queue}).",
                    e);
        }
    }

    private static List<AbstractMessageListenerContainer> containers(ConfigurableApplicationContext context) {
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
        return containers;
    }

    private static MessageConverter converter(
            ConfigurableApplicationContext context, AbstractMessageListenerContainer c) {
        MessageConverter own = ListenerMethods.converter(c.getMessageListener());
        if (own != null) {
            return own;
        }
        var beans = context.getBeansOfType(MessageConverter.class);
        if (beans.size() == 1) {
            return beans.values().iterator().next();
        }
        RabbitTemplate template = context.getBeanProvider(RabbitTemplate.class).getIfAvailable();
        return template != null ? template.getMessageConverter() : new SimpleMessageConverter();
    }
}
