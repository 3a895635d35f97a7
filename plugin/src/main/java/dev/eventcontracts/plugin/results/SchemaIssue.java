package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One incompatibility between a candidate schema and a registered version.
 *
 * @param kind the kind, e.g. {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param jsonPointer where in the schema, e.g. {@code /fields/2/type}
 * @param path the field path, e.g. {@code customer.email}
 * @param version the registered version it conflicts with
 * @param direction which side cannot read which, e.g. {@code new reads old}
 * @param message what is incompatible
 * @param fix how to fix it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaIssue(
        String kind, String jsonPointer, String path, int version, String direction, String message, String fix) {}
