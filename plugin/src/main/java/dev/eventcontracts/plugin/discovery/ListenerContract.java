package dev.eventcontracts.plugin.discovery;

import java.util.List;

/**
 * What one listener annotation says about a consumer's contract; what it does not say is a
 * default from {@code ContractDefaults}.
 *
 * @param queue the queue
 * @param exchange the bound exchange, or empty
 * @param routingKey the binding key, or empty
 * @param deadLetterQueue the dead-letter queue, or empty
 * @param maxAttempts deliveries before dead-lettering
 * @param nonRetryable exception class names dead-lettered at once
 * @param idempotencyKey the business key path, or empty
 * @param ignoreEffectPaths volatile paths in effects
 */
record ListenerContract(
        String queue,
        String exchange,
        String routingKey,
        String deadLetterQueue,
        int maxAttempts,
        List<String> nonRetryable,
        String idempotencyKey,
        List<String> ignoreEffectPaths) {}
