package dev.eventcontracts.spring.internal;

import java.util.List;

/**
 * Where one poison message ended, as the broker saw it.
 *
 * @param kind the kind of end
 * @param deliveries deliveries of the message counted by the broker
 * @param deadLetterQueue the queue holding the dead-lettered copy, or null
 * @param deaths the copy's {@code x-death} entries (empty when a recoverer republished it)
 */
public record Fate(Kind kind, long deliveries, String deadLetterQueue, List<BrokerAdmin.Death> deaths) {

    /** Copies the list. */
    public Fate {
        deaths = deaths == null ? List.of() : List.copyOf(deaths);
    }

    /** The kinds of end. */
    public enum Kind {
        /** A copy is in a dead-letter queue. */
        DEAD_LETTERED,
        /** Still being redelivered after the loop bound. */
        REQUEUED_FOREVER,
        /** Rejected, and the queue has no dead-letter exchange. */
        DROPPED_NO_DEAD_LETTER_EXCHANGE,
        /** Rejected into a dead-letter exchange that does not exist. */
        DROPPED_DEAD_LETTER_EXCHANGE_MISSING,
        /** Rejected into a dead-letter exchange that routes it to no queue. */
        DROPPED_UNROUTED,
        /** Delivered to a container that acknowledges on delivery: gone whatever the listener did. */
        ACKED_AND_LOST,
        /** Acknowledged as processed: the listener accepted it. */
        ACCEPTED,
        /** Nothing settled before the deadline. */
        UNSETTLED
    }
}
