package dev.eventcontracts.registry.consumers;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A writer schema a service produces on a subject.
 *
 * @param subject the subject, e.g. {@code shop.OrderPlaced}
 * @param writer the schema the service writes with
 */
public record ProducedSchema(String subject, Schema writer) {

    /** Checks the parts. */
    public ProducedSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(writer, "writer");
    }
}
