package dev.eventcontracts.plugin.asyncapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one YAML dialect of {@code asyncapi.yaml}: block style, quotes only where YAML needs them,
 * no document marker, keys in the order the document model put them, a trailing newline.
 */
public final class AsyncApiYaml {

    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    /** The YAML text of a document tree. */
    public String write(JsonNode document) {
        try {
            String text = yaml.writeValueAsString(document);
            return text.endsWith("\n") ? text : text + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the AsyncAPI document as YAML", e);
        }
    }

    /** Reads a YAML (or JSON) file into a tree. */
    public JsonNode read(Path file) throws IOException {
        return yaml.readTree(Files.readString(file));
    }

    /** Parses YAML (or JSON) text into a tree. */
    public JsonNode parse(String text) throws IOException {
        return yaml.readTree(text);
    }
}
