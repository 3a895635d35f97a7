package dev.eventcontracts.registry.consumers;

import java.util.List;

/**
 * The {@code CONSUMERS} verdict on one writer schema: one verdict per registered consumer reader.
 *
 * @param subject the subject
 * @param verdicts one per consumer, sorted by service
 */
public record ConsumersReport(String subject, List<ConsumerVerdict> verdicts) {

    /** Copies the list. */
    public ConsumersReport {
        verdicts = List.copyOf(verdicts);
    }

    /** Whether every consumer reads the writer's data (also when there is no consumer). */
    public boolean compatible() {
        return verdicts.stream().allMatch(ConsumerVerdict::compatible);
    }

    /** Every break, by consumer. */
    public List<ConsumerBreak> breaks() {
        return verdicts.stream().flatMap(v -> v.breaks().stream()).toList();
    }

    /** One line, e.g. {@code 2 consumer readers of 'shop.OrderPlaced': 1 breaks (inventory-svc 1.0.0)}. */
    public String summary() {
        List<String> broken = verdicts.stream()
                .filter(v -> !v.compatible())
                .map(v -> v.consumer().label())
                .toList();
        return verdicts.size() + (verdicts.size() == 1 ? " consumer reader" : " consumer readers") + " of '" + subject
                + "': "
                + (broken.isEmpty()
                        ? "all read the new schema"
                        : broken.size() + " cannot read it (" + String.join(", ", broken) + ")");
    }

    /** The summary, then each break with both fixes. */
    public String toText() {
        StringBuilder text = new StringBuilder(summary());
        for (ConsumerBreak b : breaks()) {
            text.append(System.lineSeparator()).append("- ").append(b.toText());
        }
        return text.toString();
    }
}
