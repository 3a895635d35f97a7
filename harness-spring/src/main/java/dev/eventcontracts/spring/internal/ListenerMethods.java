package dev.eventcontracts.spring.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.util.ClassUtils;

/**
 * What a listener container's {@code @RabbitListener} adapter invokes: the method of a
 * method-level listener, or the {@code @RabbitHandler} methods of a class-level one. Spring AMQP
 * keeps these in non-public members of its adapter ({@code HandlerAdapter}, the same in Spring
 * AMQP 3.2 and 4.0); when they cannot be read, a container is matched by its queue instead.
 */
final class ListenerMethods {

    private ListenerMethods() {}

    /** Whether {@code container} runs {@code target}'s listener method. */
    static boolean invokes(AbstractMessageListenerContainer container, ListenerTarget target) {
        for (Method m : methods(unwrap(container.getMessageListener()))) {
            if (same(m, target)) {
                return true;
            }
        }
        return false;
    }

    /** The converter the listener's adapter decodes payloads with, or null when it has none. */
    static MessageConverter converter(MessageListener listener) {
        Object converter = call(unwrap(listener), "getMessageConverter");
        return converter instanceof MessageConverter m ? m : null;
    }

    static Object unwrap(Object listener) {
        return AttemptCounter.unwrap(listener);
    }

    private static boolean same(Method m, ListenerTarget target) {
        Method t = target.listener();
        return m.getName().equals(t.getName())
                && Arrays.equals(m.getParameterTypes(), t.getParameterTypes())
                && (target.listenerClass().isAssignableFrom(ClassUtils.getUserClass(m.getDeclaringClass()))
                        || m.getDeclaringClass().isAssignableFrom(target.listenerClass()));
    }

    /** The methods the adapter may invoke, or none when {@code listener} is not an annotation adapter. */
    static List<Method> methods(Object listener) {
        List<Method> out = new ArrayList<>();
        Object handlerAdapter = call(listener, "getHandlerAdapter");
        if (handlerAdapter == null) {
            return out;
        }
        Object single = field(handlerAdapter, "invokerHandlerMethod");
        if (call(single, "getMethod") instanceof Method m) {
            out.add(m);
        }
        Object delegating = field(handlerAdapter, "delegatingHandler");
        if (field(delegating, "handlers") instanceof List<?> handlers) {
            for (Object h : handlers) {
                if (call(h, "getMethod") instanceof Method m) {
                    out.add(m);
                }
            }
        }
        if (field(delegating, "defaultHandler") != null
                && call(field(delegating, "defaultHandler"), "getMethod") instanceof Method m
                && !out.contains(m)) {
            out.add(m);
        }
        return out;
    }

    private static Object call(Object target, String name) {
        if (target == null) {
            return null;
        }
        for (Class<?> k = target.getClass(); k != null; k = k.getSuperclass()) {
            try {
                Method m = k.getDeclaredMethod(name);
                m.setAccessible(true);
                return m.invoke(target);
            } catch (NoSuchMethodException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static Object field(Object target, String name) {
        if (target == null) {
            return null;
        }
        for (Class<?> k = target.getClass(); k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
