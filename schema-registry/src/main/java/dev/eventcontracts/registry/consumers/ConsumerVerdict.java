package dev.eventcontracts.registry.consumers;

import java.util.List;

/**
 * Whether one consumer reads what a writer schema writes.
 *
 * @param consumer the consumer's contract
 * @param breaks every break; empty when it reads the writer's data
 */
public record ConsumerVerdict(ConsumerContract consumer, List<ConsumerBreak> breaks) {

    /** Copies the list. */
    public ConsumerVerdict {
        breaks = List.copyOf(breaks);
    }

    /** Whether the consumer reads the writer's data. */
    public boolean compatible() {
        return breaks.isEmpty();
    }
}
