package dev.eventcontracts.registry.consumers;

import java.util.Objects;

/**
 * One place where a consumer's code reads a field of its payload.
 *
 * @param field the field path from the payload's root record, dotted for nested records, e.g.
 *     {@code customerId} or {@code customer.email}
 * @param file the source file, relative to the consumer's project, e.g. {@code
 *     src/main/java/com/example/InventoryConsumer.java}
 * @param line the 1-based line of the read
 */
public record FieldRead(String field, String file, int line) {

    /** Checks the parts. */
    public FieldRead {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(file, "file");
    }

    /** {@code file:line}, e.g. {@code src/main/java/com/example/InventoryConsumer.java:31}. */
    public String location() {
        return file + ":" + line;
    }

    /**
     * Whether this read touches the given field path: the same field, a field inside it (the code
     * reads {@code customer.email}, the break is at {@code customer}), or the record holding it
     * (the code reads {@code customer} and hands it on).
     */
    public boolean touches(String path) {
        return field.equals(path) || field.startsWith(path + ".") || path.startsWith(field + ".");
    }
}
