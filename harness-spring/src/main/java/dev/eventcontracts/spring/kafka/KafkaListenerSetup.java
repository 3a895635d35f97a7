package dev.eventcontracts.spring.kafka;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What the running service says about one {@code @KafkaListener}: its topic and group, its
 * container's error handler (and whether it has a dead-letter recoverer), its value deserializer,
 * the retry topics of {@code @RetryableTopic}, and the payload type. Used to name the configuration
 * at fault; the verdicts themselves come from what is observed on the topics.
 *
 * @param topic the topic the listener reads
 * @param groupId the listener's consumer group
 * @param container the listener's container
 * @param errorHandler the container's error handler, or null (Spring's default: a {@code
 *     DefaultErrorHandler} without recoverer)
 * @param recoverer {@code "DeadLetterPublishingRecoverer"}, {@code "none"} (logs and skips) or the
 *     recoverer's class
 * @param backOff the error handler's back-off as Spring prints it, or {@code "?"}
 * @param valueDeserializer the configured value deserializer (class name)
 * @param valueDelegate the delegate of an {@code ErrorHandlingDeserializer}, or empty
 * @param consumerConfig the consumer factory's configuration
 * @param retryTopics topics of the listener's {@code @RetryableTopic} containers (retry and DLT)
 * @param payloadType the listener's payload parameter type
 */
record KafkaListenerSetup(
        String topic,
        String groupId,
        MessageListenerContainer container,
        CommonErrorHandler errorHandler,
        String recoverer,
        String backOff,
        String valueDeserializer,
        String valueDelegate,
        Map<String, Object> consumerConfig,
        List<String> retryTopics,
        Class<?> payloadType) {

    /** True when the value deserializer is Spring's {@code ErrorHandlingDeserializer}. */
    boolean errorHandlingDeserializer() {
        return valueDeserializer.endsWith("ErrorHandlingDeserializer");
    }

    /** True when the listener's records go through {@code @RetryableTopic} retry topics. */
    boolean usesRetryTopics() {
        return retryTopics.stream().anyMatch(t -> !isDeadLetterTopicName(t));
    }

    /** The error handler as messages name it. */
    String errorHandlerDisplay() {
        String name = errorHandler == null
                ? "DefaultErrorHandler (Spring's default)"
                : errorHandler.getClass().getSimpleName();
        return name + " (recoverer: " + recoverer + ", back-off: " + backOff + ")";
    }

    /** Dead-letter topic names as Spring Kafka makes them: {@code -dlt}, {@code .DLT}. */
    static boolean isDeadLetterTopicName(String topic) {
        String t = topic.toLowerCase(java.util.Locale.ROOT);
        return t.endsWith("-dlt") || t.endsWith(".dlt") || t.endsWith("_dlt") || t.endsWith("dlq");
    }

    /**
     * Reads the listener's setup from the running context.
     *
     * @throws IllegalStateException naming the listener, the topics found and the fix
     */
    static KafkaListenerSetup read(ConfigurableApplicationContext context, KafkaServiceContract contract) {
        String wanted =
                contract.topic().isBlank() ? "" : context.getEnvironment().resolvePlaceholders(contract.topic());
        KafkaListenerEndpointRegistry registry =
                context.getBeanProvider(KafkaListenerEndpointRegistry.class).getIfAvailable();
        List<MessageListenerContainer> containers =
                registry == null ? List.of() : new ArrayList<>(registry.getAllListenerContainers());
        List<String> seen = new ArrayList<>();
        MessageListenerContainer match = null;
        for (MessageListenerContainer c : containers) {
            List<String> topics = topics(c);
            seen.addAll(topics);
            if (wanted.isEmpty() ? isOwnContainer(c, contract) : topics.contains(wanted)) {
                match = match == null ? c : match;
            }
        }
        if (match == null) {
            throw new IllegalStateException("No Kafka listener container of the service reads topic '" + wanted
                    + "' of " + contract.displayName() + "; the containers read " + seen
                    + ". Check @KafkaListener(topics = ...) or regenerate the contract tests.");
        }
        String topic = wanted.isEmpty() ? topics(match).get(0) : wanted;
        List<String> retryTopics = new ArrayList<>();
        for (String t : seen) {
            if (!t.equals(topic) && t.startsWith(topic) && (t.contains("retry") || isDeadLetterTopicName(t))) {
                retryTopics.add(t);
            }
        }
        CommonErrorHandler handler =
                match instanceof AbstractMessageListenerContainer<?, ?> a ? a.getCommonErrorHandler() : null;
        Map<String, Object> config = new LinkedHashMap<>();
        ConsumerFactory<?, ?> factory = consumerFactory(match, context);
        Object deserializerInstance = null;
        if (factory != null) {
            config.putAll(factory.getConfigurationProperties());
            deserializerInstance = factory.getValueDeserializer();
        }
        java.util.Properties overrides = match.getContainerProperties().getKafkaConsumerProperties();
        overrides.forEach((k, v) -> config.put(String.valueOf(k), v));
        String valueDeserializer = deserializerInstance != null
                ? deserializerInstance.getClass().getName()
                : className(
                        config.get("value.deserializer"), "org.apache.kafka.common.serialization.StringDeserializer");
        String delegate = className(config.get("spring.deserializer.value.delegate.class"), "");
        if (deserializerInstance != null && delegate.isEmpty()) {
            Object d = field(deserializerInstance, "delegate");
            delegate = d == null ? "" : d.getClass().getName();
        }
        Object tracker = handler == null ? null : field(handler, "failureTracker");
        Object recovererObject = tracker == null ? null : field(tracker, "recoverer");
        Object backOffObject = tracker == null ? null : field(tracker, "backOff");
        String recoverer;
        if (handler == null) {
            recoverer = "none";
        } else if (recovererObject instanceof DeadLetterPublishingRecoverer) {
            recoverer = "DeadLetterPublishingRecoverer";
        } else if (recovererObject == null
                || recovererObject.getClass().getName().contains("FailedRecordTracker")) {
            recoverer = tracker == null ? "?" : "none";
        } else {
            recoverer = recovererObject.getClass().getName();
        }
        return new KafkaListenerSetup(
                topic,
                match.getGroupId(),
                match,
                handler,
                recoverer,
                backOffObject == null
                        ? (handler == null ? "FixedBackOff{interval=0, maxAttempts=9}" : "?")
                        : backOffObject.toString(),
                valueDeserializer,
                delegate,
                config,
                List.copyOf(retryTopics),
                payloadType(contract));
    }

    private static boolean isOwnContainer(MessageListenerContainer c, KafkaServiceContract contract) {
        String id = c.getListenerId() == null ? "" : c.getListenerId();
        return !topics(c).isEmpty() && !id.contains("retry") && !id.contains("dlt");
    }

    private static List<String> topics(MessageListenerContainer c) {
        String[] topics = c.getContainerProperties().getTopics();
        return topics == null ? List.of() : Arrays.asList(topics);
    }

    private static ConsumerFactory<?, ?> consumerFactory(
            MessageListenerContainer c, ConfigurableApplicationContext context) {
        if (c instanceof AbstractMessageListenerContainer<?, ?>) {
            Object f = field(c, "consumerFactory");
            if (f instanceof ConsumerFactory<?, ?> cf) {
                return cf;
            }
        }
        return context.getBeanProvider(ConsumerFactory.class).getIfAvailable();
    }

    private static String className(Object value, String fallback) {
        if (value instanceof Class<?> c) {
            return c.getName();
        }
        return value == null ? fallback : String.valueOf(value);
    }

    /** A field of {@code target} or its superclasses, or null: used only to describe configuration. */
    private static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // try the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The listener's payload type: its first parameter that is not the {@code Consumer}, an {@code
     * Acknowledgment}, {@code MessageHeaders} or a {@code @Header}; of a {@code ConsumerRecord<K, V>}
     * parameter its value type {@code V}, of a spring-messaging {@code Message<V>} its {@code V}.
     */
    static Class<?> payloadType(KafkaServiceContract contract) {
        for (Parameter p : contract.listener().getParameters()) {
            Class<?> type = p.getType();
            String name = type.getName();
            if (name.equals("org.apache.kafka.clients.consumer.ConsumerRecord")) {
                return typeArgument(p, 1, contract);
            }
            if (name.equals("org.springframework.messaging.Message")) {
                return typeArgument(p, 0, contract);
            }
            if (name.startsWith("org.apache.kafka.clients.consumer.Consumer")
                    || name.startsWith("org.springframework.kafka.support.Acknowledgment")
                    || name.equals("org.springframework.messaging.MessageHeaders")
                    || hasAnnotation(p, "Header", "Headers")) {
                continue;
            }
            return type;
        }
        throw new IllegalStateException("Listener " + contract.displayName()
                + " has no payload parameter; Kafka service mode needs one to build sample records.");
    }

    /** True for payloads the service decodes itself: {@code String} and {@code byte[]}. */
    static boolean isRaw(Class<?> payloadType) {
        return payloadType == String.class || payloadType == byte[].class;
    }

    private static Class<?> typeArgument(Parameter p, int index, KafkaServiceContract contract) {
        if (p.getParameterizedType() instanceof ParameterizedType pt) {
            Type arg = pt.getActualTypeArguments()[index];
            if (arg instanceof ParameterizedType a) {
                arg = a.getRawType();
            }
            if (arg instanceof Class<?> c && c != Object.class) {
                return c;
            }
        }
        throw new IllegalStateException("Listener " + contract.displayName() + " takes "
                + p.getParameterizedType().getTypeName() + ", whose value type is not a class: Kafka service mode"
                + " builds its samples from that type. Declare it, e.g. "
                + p.getType().getSimpleName() + (index == 1 ? "<String, OrderPlaced>" : "<OrderPlaced>") + ".");
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
