package dev.eventcontracts.plugin.service;

/**
 * One {@code @RabbitListener} method of a Spring Boot service — or one {@code @RabbitHandler}
 * method of a class annotated {@code @RabbitListener} — as service mode generates a test for it.
 *
 * @param packageName the listener's package
 * @param className the listener's simple name (nested classes joined with {@code .})
 * @param method the listener method
 * @param payloadType the payload parameter's type as written (for {@code @RabbitHandler} methods,
 *     which Spring AMQP picks by payload type), or empty for method-level listeners
 * @param overloaded whether the class declares other handler methods of the same name, so the
 *     payload type tells them apart in names and ids
 * @param queue the first queue of {@code queues}/{@code queuesToDeclare}/{@code bindings} (a
 *     literal, a constant, or a {@code ${...}} placeholder the service's environment resolves), or
 *     empty when it is a SpEL expression or a bean reference (the runtime then takes the queue of
 *     the listener's container)
 * @param queueSource how the queue was written when it is not a plain literal, for findings; else
 *     empty
 * @param claimedDeadLetterQueue {@code @EventConsumer(deadLetterQueue)}, or empty
 * @param claimedMaxAttempts {@code @EventConsumer(maxAttempts)}, or 0
 */
public record ServiceListener(
        String packageName,
        String className,
        String method,
        String payloadType,
        boolean overloaded,
        String queue,
        String queueSource,
        String claimedDeadLetterQueue,
        int claimedMaxAttempts) {

    /** A method-level listener with a literal queue (tests, and the common case). */
    public ServiceListener(
            String packageName,
            String className,
            String method,
            String queue,
            String claimedDeadLetterQueue,
            int claimedMaxAttempts) {
        this(packageName, className, method, "", false, queue, "", claimedDeadLetterQueue, claimedMaxAttempts);
    }

    /** Whether this is a {@code @RabbitHandler} method of a class-level {@code @RabbitListener}. */
    public boolean classLevel() {
        return !payloadType.isEmpty();
    }

    /**
     * {@code package.Class#method}, or {@code package.Class#method(Payload)} for an overloaded
     * handler — the consumer id the runtime writes into the results file.
     */
    public String id() {
        return (packageName.isEmpty() ? "" : packageName + ".") + className + "#" + handlerName();
    }

    /** {@code method}, or {@code method(Payload)} for an overloaded handler. */
    public String handlerName() {
        return overloaded ? method + "(" + simplePayload() + ")" : method;
    }

    /** The payload type's simple name (without package or type arguments). */
    public String simplePayload() {
        String raw = payloadType.contains("<") ? payloadType.substring(0, payloadType.indexOf('<')) : payloadType;
        return raw.substring(raw.lastIndexOf('.') + 1);
    }
}
