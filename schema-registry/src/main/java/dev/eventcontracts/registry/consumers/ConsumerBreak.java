package dev.eventcontracts.registry.consumers;

import dev.eventcontracts.registry.compat.IncompatibilityKind;
import java.util.Objects;

/**
 * One reason why a consumer cannot read what a writer schema writes, with the fix on either side.
 *
 * @param service the consumer service that breaks
 * @param version its version
 * @param subject the subject
 * @param kind Avro's kind of break
 * @param field the field path from the payload's root, e.g. {@code customerId} (empty for the root)
 * @param readAt where the consumer's code reads the field ({@code file:line}), or {@code null} when
 *     its code does not read it (only its reader schema needs it)
 * @param message what breaks, naming the consumer, the field and whether the code reads it
 * @param consumerFix the change to the consumer's reader schema that removes the break
 * @param producerFix the change to the writer schema that removes the break
 */
public record ConsumerBreak(
        String service,
        String version,
        String subject,
        IncompatibilityKind kind,
        String field,
        String readAt,
        String message,
        String consumerFix,
        String producerFix) {

    /** Checks the required parts. */
    public ConsumerBreak {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(consumerFix, "consumerFix");
        Objects.requireNonNull(producerFix, "producerFix");
    }

    /** Whether the consumer's code reads the field (not only its reader schema). */
    public boolean readByCode() {
        return readAt != null;
    }

    /** The break for people: message, then both fixes. */
    public String toText() {
        return message + System.lineSeparator() + "  fix (consumer): " + consumerFix + System.lineSeparator()
                + "  fix (producer): " + producerFix;
    }
}
