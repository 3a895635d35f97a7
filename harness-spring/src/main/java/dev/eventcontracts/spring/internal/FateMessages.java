package dev.eventcontracts.spring.internal;

/**
 * The words for a poison message's end: what happened, to which listener, which configuration
 * causes it, and the fix (docs/service-mode.md, verdicts).
 */
final class FateMessages {

    private FateMessages() {}

    /** The problem, naming the listener, the queue and the configuration that causes it. */
    static String problem(ListenerTarget contract, ListenerSetup setup, Fate fate, String what) {
        String q = "queue '" + setup.queue() + "'";
        String head = contract.displayName() + ": " + what + " ";
        return switch (fate.kind()) {
            case DEAD_LETTERED ->
                head + "was dead-lettered to '" + fate.deadLetterQueue() + "' after " + plural(fate.deliveries()) + ".";
            case REQUEUED_FOREVER ->
                head + "was requeued forever: " + plural(fate.deliveries())
                        + " by the broker and counting (" + setup.property("default-requeue-rejected") + " = "
                        + setup.propertyValue("default-requeue-rejected", "true") + ", "
                        + setup.property("retry.enabled") + " = " + setup.propertyValue("retry.enabled", "false")
                        + ").";
            case DROPPED_NO_DEAD_LETTER_EXCHANGE ->
                q + " has no dead-letter exchange: " + what
                        + " was dropped after " + plural(fate.deliveries()) + " (listener " + contract.displayName()
                        + ").";
            case DROPPED_DEAD_LETTER_EXCHANGE_MISSING ->
                q + " dead-letters to exchange '"
                        + setup.queueArgument("x-dead-letter-exchange") + "', which nobody declares: " + what
                        + " was dead-lettered into nothing and dropped by the broker after " + plural(fate.deliveries())
                        + " (listener " + contract.displayName() + ").";
            case DROPPED_UNROUTED ->
                q + " dead-letters to exchange '" + setup.queueArgument("x-dead-letter-exchange")
                        + "' with routing key '" + setup.queueArgument("x-dead-letter-routing-key")
                        + "', which routes it to no queue: " + what + " was dropped (listener "
                        + contract.displayName() + ").";
            case ACKED_AND_LOST ->
                head + "was acknowledged on delivery and lost: the listener container runs with "
                        + setup.property("acknowledge-mode") + " = none, so a failing message is gone"
                        + " before the listener sees it.";
            case ACCEPTED -> head + "was acknowledged as processed instead of dead-lettered.";
            case UNSETTLED -> head + "was not settled within the timeout (" + plural(fate.deliveries()) + ").";
        };
    }

    /** The fix for a fate that fails a dead-letter verdict. */
    static String fix(ListenerSetup setup, Fate fate) {
        String q = setup.queue();
        return switch (fate.kind()) {
            case REQUEUED_FOREVER ->
                "set " + setup.property("default-requeue-rejected") + ": false and "
                        + setup.property("retry.enabled") + ": true (with " + setup.retrySetting(3)
                        + "), give the queue a dead-letter"
                        + " exchange, or throw AmqpRejectAndDontRequeueException for failures that will not heal.";
            case DROPPED_NO_DEAD_LETTER_EXCHANGE ->
                "add x-dead-letter-exchange/x-dead-letter-routing-key to"
                        + " the queue (QueueBuilder.durable(\"" + q + "\").deadLetterExchange(\"" + q + ".dlx\")"
                        + ".deadLetterRoutingKey(\"" + q + "\")), declare that exchange and a bound DLQ, or a policy.";
            case DROPPED_DEAD_LETTER_EXCHANGE_MISSING, DROPPED_UNROUTED ->
                "declare exchange '"
                        + setup.queueArgument("x-dead-letter-exchange") + "' and a dead-letter queue bound to it with '"
                        + setup.queueArgument("x-dead-letter-routing-key") + "' (Exchange, Queue and Binding beans or"
                        + " Declarables).";
            case ACKED_AND_LOST ->
                "set " + setup.property("acknowledge-mode")
                        + ": auto (Spring's default), so failures are rejected and dead-lettered.";
            case ACCEPTED ->
                "validate the payload in the listener and throw (e.g."
                        + " AmqpRejectAndDontRequeueException) so the message is dead-lettered, not processed.";
            case UNSETTLED ->
                "check the listener does not block; on a slow machine raise" + " -Deventcontracts.settle.timeout=30.";
            case DEAD_LETTERED -> null;
        };
    }

    static String plural(long deliveries) {
        return deliveries + (deliveries == 1 ? " delivery" : " deliveries");
    }
}
