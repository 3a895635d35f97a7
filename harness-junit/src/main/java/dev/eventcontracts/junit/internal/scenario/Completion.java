package dev.eventcontracts.junit.internal.scenario;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for an asynchronous handler's result, as a listener container that acks on completion
 * does: a {@link CompletionStage} (so {@code CompletableFuture}), a Reactor {@code Mono} or a
 * Mutiny {@code Uni} (both found reflectively, so neither library is needed on the classpath).
 * Completing normally is success; completing exceptionally is the handler's failure.
 */
final class Completion {

    private Completion() {}

    /**
     * Waits for {@code result} when it is asynchronous; returns at once otherwise.
     *
     * @throws Exception the failure the result completed with
     */
    static void await(Object result, Duration timeout, String handler) throws Exception {
        CompletionStage<?> stage = stage(result);
        if (stage == null) {
            return;
        }
        try {
            stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        } catch (TimeoutException e) {
            throw new TimeoutException("The result of " + handler + " did not complete within " + timeout.toSeconds()
                    + " s; the message stays unacknowledged like in a container that acks on completion.");
        }
    }

    private static CompletionStage<?> stage(Object result) throws ReflectiveOperationException {
        if (result == null) {
            return null;
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage;
        }
        if (isA(result.getClass(), "reactor.core.publisher.Mono")) {
            return (CompletionStage<?>) call(result, "toFuture");
        }
        if (isA(result.getClass(), "io.smallrye.mutiny.Uni")) {
            return (CompletionStage<?>) call(result, "subscribeAsCompletionStage");
        }
        return null;
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isA(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
