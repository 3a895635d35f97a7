package dev.eventcontracts.plugin.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Avro schema of one payload type, as it goes into a message of the document.
 *
 * @param fullName the record's full name, e.g. {@code com.example.store.events.OrderPlaced}
 * @param schema the schema as JSON with every named type it uses inlined, or null when it could
 *     not be found
 * @param origin where it came from: the {@code .avsc} file, {@code SCHEMA$ of <class>}, or why it
 *     is missing
 */
public record PayloadSchema(String fullName, JsonNode schema, String origin) {

    /** True when the schema was found. */
    public boolean found() {
        return schema != null;
    }
}
