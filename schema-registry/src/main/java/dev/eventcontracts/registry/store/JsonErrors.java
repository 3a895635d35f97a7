package dev.eventcontracts.registry.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How the registry reads JSON from clients and says why it could not: one document and nothing
 * after it, no deeper than Jackson's nesting limit, with the line and column of the problem when
 * the parser knows them.
 */
public final class JsonErrors {

    /** The deepest nesting of arrays and objects accepted (Jackson's default limit). */
    public static final int MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

    private JsonErrors() {}

    /** A mapper that refuses text after the JSON document. */
    public static ObjectMapper strictMapper() {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Why a document is not accepted, for a message: "not valid JSON: … (line 3, column 7)". */
    public static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "JSON nested deeper than the limit of " + MAX_DEPTH + " levels of arrays and objects ("
                    + e.getOriginalMessage() + ")";
        }
        JsonLocation where = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return "not valid JSON: " + firstLine(message)
                + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
