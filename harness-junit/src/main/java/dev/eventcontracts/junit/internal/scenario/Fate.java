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
 * @param deadLetter the first copy in the dead-letter queue, if any
 * @param deadLetterCopies how many copies reached the dead-letter queue (more than one is a defect)
 * @param loopBound deliveries after which the message counts as looping forever
 */
record Fate(
        String messageId,
        List<Journal.Delivery> deliveries,
        Optional<Journal.DeadLetter> deadLetter,
        int deadLetterCopies,
        int loopBound) {

    static Fate of(Journal journal, String messageId, int loopBound) {
        List<Journal.DeadLetter> copies = journal.deadLetters().stream()
                .filter(d -> messageId.equals(d.messageId()))
                .toList();
        return new Fate(
                messageId, journal.deliveries(messageId), copies.stream().findFirst(), copies.size(), loopBound);
    }

    /** How many deliveries were acked (more than one: processed more than once). */
    long ackCount() {
        return deliveries.stream().filter(d -> d.outcome() == Outcome.ACKED).count();
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
