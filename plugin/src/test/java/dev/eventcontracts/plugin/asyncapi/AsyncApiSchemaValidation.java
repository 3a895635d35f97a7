package dev.eventcontracts.plugin.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official AsyncAPI 3.0.0 JSON schema (src/test/resources/asyncapi-spec, Apache-2.0, see its
 * README) as a validator, loaded once: a document is valid when the list of errors is empty.
 */
final class AsyncApiSchemaValidation {

    private static final Schema SCHEMA = load();

    private AsyncApiSchemaValidation() {}

    private static Schema load() {
        try (InputStream in =
                AsyncApiSchemaValidation.class.getResourceAsStream("/asyncapi-spec/asyncapi-3.0.0.json")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi-spec/asyncapi-3.0.0.json is not on the test class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema violations of a document tree, as {@code <instance location>: <message>}. */
    static List<String> errors(JsonNode document) {
        return SCHEMA.validate(document).stream().map(Error::toString).toList();
    }
}
