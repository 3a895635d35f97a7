package dev.eventcontracts.kafka.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Schemas by Apicurio <em>global id</em> (the 8-byte id Apicurio's serializer writes after the
 * magic byte by default, docs/kafka.md §2) through the Apicurio v2 API of the embedded registry or
 * of Apicurio: {@code GET ids/globalIds/{id}} and {@code POST groups/default/artifacts?ifExists=
 * RETURN_OR_UPDATE}. Answers are cached: a global id never changes its schema.
 */
public final class ApicurioGlobalIdLookup {

    private final RegistryHttp registry;
    private final Map<Long, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> byArtifactAndSchema = new ConcurrentHashMap<>();

    /** @param apicurioBase e.g. {@code http://127.0.0.1:8080/apis/registry/v2} */
    public ApicurioGlobalIdLookup(URI apicurioBase) {
        this.registry = new RegistryHttp(Objects.requireNonNull(apicurioBase, "apicurioBase"), Duration.ofSeconds(10));
    }

    /**
     * The schema with global id {@code id}.
     *
     * @throws WireFormatException {@link WireFormatException.Problem#UNKNOWN_SCHEMA_ID} when there
     *     is none, {@link WireFormatException.Problem#REGISTRY_FAILED} when the registry fails
     */
    public Schema schema(long id) {
        Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        HttpResponse<String> response =
                registry.send(registry.request("ids/globalIds/" + id).GET());
        if (response.statusCode() == 404) {
            throw new WireFormatException(
                    WireFormatException.Problem.UNKNOWN_SCHEMA_ID,
                    "Global id " + id + " (bytes 1-8 of the record) is not in the registry at " + location()
                            + ". The producer wrote with a registry this consumer does not use: point both at the"
                            + " same registry, or register the writer schema there.",
                    null);
        }
        registry.requireOk(response, "global id " + id);
        try {
            Schema schema = new Schema.Parser().parse(response.body());
            byId.put(id, schema);
            return schema;
        } catch (SchemaParseException e) {
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED,
                    "Global id " + id + " at " + location() + " is not an Avro schema: " + e.getMessage() + ".",
                    e);
        }
    }

    /**
     * Registers {@code schema} as a version of artifact {@code artifactId} in group {@code default}
     * (or finds the version with that content) and returns its global id.
     *
     * @throws WireFormatException {@link WireFormatException.Problem#REGISTRY_FAILED} when the registry refuses
     */
    public long register(String artifactId, Schema schema) {
        String key = artifactId + "\u0000" + schema;
        Long cached = byArtifactAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        HttpResponse<String> response =
                registry.send(registry.request("groups/default/artifacts?ifExists=RETURN_OR_UPDATE")
                        .POST(HttpRequest.BodyPublishers.ofString(schema.toString()))
                        .header("Content-Type", "application/json")
                        .header("X-Registry-ArtifactId", artifactId)
                        .header("X-Registry-ArtifactType", "AVRO"));
        JsonNode meta = registry.ok(response, "registering artifact '" + artifactId + "'");
        long id = meta.path("globalId").asLong(-1);
        if (id < 0) {
            throw new WireFormatException(
                    WireFormatException.Problem.REGISTRY_FAILED,
                    "The registry at " + location() + " answered registering artifact '" + artifactId
                            + "' without a globalId: " + response.body(),
                    null);
        }
        byArtifactAndSchema.put(key, id);
        byId.putIfAbsent(id, schema);
        return id;
    }

    /** Where the schemas come from, for messages. */
    public String location() {
        return registry.location();
    }
}
