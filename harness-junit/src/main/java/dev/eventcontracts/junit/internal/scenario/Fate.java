package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.internal.amqp.Journal;
import dev.eventcontracts.junit.internal.amqp.Journal.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * What became of one published message: its deliveries and, if it reached the dead-letter queue,
 * the copy there.
 *
 * @param messageId the message id
 * @param deliveries its deliveries in order
 * @param deadLetter the copy in the dead-letter queue, if any
 * @param loopBound deliveries after which the message counts as looping forever
 */
record Fate(
        String messageId, List<Journal.Delivery> deliveries, Optional<Journal.DeadLetter> deadLetter, int loopBound) {

    static Fate of(Journal journal, String messageId, int loopBound) {
        return new Fate(
                messageId,
                journal.deliveries(messageId),
                journal.deadLetters().stream()
                        .filter(d -> messageId.equals(d.messageId()))
                        .findFirst(),
                loopBound);
    }

    boolean acked() {
        return deliveries.stream().anyMatch(d -> d.outcome() == Outcome.ACKED);
    }

    boolean rejected() {
        return deliveries.stream().anyMatch(d -> d.outcome() == Outcome.REJECTED);
    }

    boolean looping() {
        return !acked() && !rejected() && deliveries.size() >= loopBound;
    }

    int attempts() {
        return deliveries.size();
    }

    /** The last failure the handler threw, or null. */
    Throwable lastFailure() {
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            if (deliveries.get(i).failure() != null) {
                return deliveries.get(i).failure();
            }
        }
        return null;
    }

    /** Settled for good: acked, looping, or rejected (and in the DLQ when there is one). */
    boolean settled(boolean hasDeadLetterQueue) {
        return acked() || looping() || (rejected() && (!hasDeadLetterQueue || deadLetter.isPresent()));
    }
}
