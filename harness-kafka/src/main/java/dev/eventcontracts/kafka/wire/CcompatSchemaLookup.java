package dev.eventcontracts.kafka.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Schemas by id through a Confluent-compatible registry API ({@code /apis/ccompat/v7} of the
 * embedded registry or of Apicurio, or a Confluent Schema Registry): {@code GET
 * schemas/ids/{id}} and {@code POST subjects/{subject}/versions}. Answers are cached: a schema id
 * never changes its schema.
 */
public final class CcompatSchemaLookup implements SchemaLookup {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryHttp registry;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> bySubjectAndSchema = new ConcurrentHashMap<>();

    /** @param ccompatBase e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7} */
    public CcompatSchemaLookup(URI ccompatBase) {
        this(ccompatBase, Duration.ofSeconds(10));
    }

    public CcompatSchemaLookup(URI ccompatBase, Duration timeout) {
        this.registry = new RegistryHttp(Objects.requireNonNull(ccompatBase, "ccompatBase"), timeout);
    }

    @Override
    public Schema schema(int id) {
        Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        HttpResponse<String> response =
                registry.send(registry.request("schemas/ids/" + id).GET().header("Accept", MEDIA_TYPE));
        if (response.statusCode() == 404) {
            throw new WireFormatException(
                    WireFormatException.Problem.UNKNOWN_SCHEMA_ID,
                    "Schema id " + id + " (bytes 1-4 of the record) is not in the registry at " + location()
                            + ". The producer wrote with a registry this consumer does not use: point both at the"
                            + " same registry, or register the writer schema there.",
                    null);
        }
        JsonNode body = registry.ok(response, "schema id " + id);
        try {
            Schema schema = new Schema.Parser().parse(body.path("schema").asText());
            byId.put(id, schema);
            return schema;
        } catch (SchemaParseException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED,
                    "Schema id " + id + " at " + location() + " is not an Avro schema: " + e.getMessage()
                            + ". Only AVRO subjects can be read with this wire format.",
                    e);
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        String key = subject + "\u0000" + schema;
        Integer cached = bySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String body = registry.json(Map.of("schema", schema.toString()));
        String path =
                "subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/versions";
        HttpResponse<String> response = registry.send(registry.request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", MEDIA_TYPE)
                .header("Accept", MEDIA_TYPE));
        int id = registry.ok(response, "registering subject '" + subject + "'")
                .path("id")
                .asInt(-1);
        if (id < 0) {
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED,
                    "The registry at " + location() + " answered registering subject '" + subject + "' without an id: "
                            + response.body(),
                    null);
        }
        bySubjectAndSchema.put(key, id);
        byId.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public String location() {
        return registry.location();
    }
}
