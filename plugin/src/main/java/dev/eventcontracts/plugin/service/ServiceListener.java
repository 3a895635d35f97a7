package dev.eventcontracts.plugin.service;

/**
 * One {@code @RabbitListener} method of a Spring Boot service, as service mode generates a test
 * for it.
 *
 * @param packageName the listener's package
 * @param className the listener's simple name (nested classes joined with {@code .})
 * @param method the listener method
 * @param queue the first queue of {@code queues}/{@code queuesToDeclare}/{@code bindings}, or
 *     empty when it is not a literal (the runtime then takes its container's queue)
 * @param claimedDeadLetterQueue {@code @EventConsumer(deadLetterQueue)}, or empty
 * @param claimedMaxAttempts {@code @EventConsumer(maxAttempts)}, or 0
 */
public record ServiceListener(
        String packageName,
        String className,
        String method,
        String queue,
        String claimedDeadLetterQueue,
        int claimedMaxAttempts) {

    /** {@code package.Class#method}. */
    public String id() {
        return (packageName.isEmpty() ? "" : packageName + ".") + className + "#" + method;
    }
}
