package dev.eventcontracts.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;

/**
 * Content offered to the registry, parsed once: its pretty-printed form (what is stored and
 * served), the hash of that form, and the Avro schema with its canonical form when it parses.
 *
 * @param pretty the content as stored: the JSON pretty-printed with two spaces, or {@code null}
 *     when the content is not JSON
 * @param jsonError why the content is not JSON, or {@code null}
 * @param schema the Avro schema, or {@code null} when it does not parse
 * @param avroError why the content is not an Avro schema, or {@code null}
 * @param canonical the canonical form (Avro's full JSON rendering: key order and whitespace
 *     normalized, defaults, aliases, docs and logical types kept), or {@code null}
 */
record SchemaText(String pretty, String jsonError, Schema schema, String avroError, String canonical) {

    private static final ObjectMapper JSON = JsonErrors.strictMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    static SchemaText of(String raw) {
        String text = raw == null ? "" : raw.strip();
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                return new SchemaText(null, "the content is empty", null, "the content is empty", null);
            }
        } catch (JsonProcessingException e) {
            String why = JsonErrors.describe(e);
            return new SchemaText(null, why, null, why, null);
        }
        String pretty;
        try {
            pretty = PRETTY.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render a parsed JSON tree", e);
        }
        try {
            Schema schema = parse(pretty);
            return new SchemaText(pretty, null, schema, null, schema.toString());
        } catch (RuntimeException e) {
            // Avro's parser decides what is a schema; it reports with AvroRuntimeException and its
            // subclasses (duplicate field, nested union, negative fixed size) and a few JDK exceptions
            return new SchemaText(pretty, null, null, avroMessage(e), null);
        } catch (StackOverflowError e) {
            return new SchemaText(pretty, null, null, "the schema is nested too deeply for Avro's parser", null);
        }
    }

    private static String avroMessage(RuntimeException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonErrors.describe(json);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Parses stored content as an Avro schema, with default values validated. */
    static Schema parse(String content) {
        Schema.Parser parser = new Schema.Parser();
        parser.setValidateDefaults(true);
        return parser.parse(content);
    }

    /** SHA-256 of the pretty-printed content, hex. */
    String hash() {
        return pretty == null ? null : sha256(pretty);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
