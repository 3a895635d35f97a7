package dev.eventcontracts.registry.server.ccompat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.compat.VersionedSchema;
import dev.eventcontracts.registry.server.internal.ApiHandler;
import dev.eventcontracts.registry.server.internal.HttpCall;
import dev.eventcontracts.registry.server.internal.HttpProblem;
import dev.eventcontracts.registry.server.internal.HttpReply;
import dev.eventcontracts.registry.server.internal.Route;
import dev.eventcontracts.registry.store.ArtifactRecord;
import dev.eventcontracts.registry.store.IfExists;
import dev.eventcontracts.registry.store.JsonErrors;
import dev.eventcontracts.registry.store.NewVersion;
import dev.eventcontracts.registry.store.Registered;
import dev.eventcontracts.registry.store.RegistryException;
import dev.eventcontracts.registry.store.RegistryStore;
import dev.eventcontracts.registry.store.RuleType;
import dev.eventcontracts.registry.store.SearchQuery;
import dev.eventcontracts.registry.store.VersionRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The Confluent-compatible subset of Apicurio's {@code /apis/ccompat/v7}: subjects are artifacts
 * of one group ({@code X-Registry-GroupId}, default {@code default}); schema ids are content ids.
 */
public final class CcompatApi extends ApiHandler {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The request media types Apicurio's and Confluent's ccompat endpoints consume. */
    private static final Set<String> MEDIA_TYPES =
            Set.of(MEDIA_TYPE, "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    private final RegistryStore store;
    private final CompatibilityChecker checker = new CompatibilityChecker();

    public CcompatApi(RegistryStore store, long maxBodyBytes) {
        super("/apis/ccompat/v7", maxBodyBytes);
        this.store = store;
    }

    @Override
    protected List<Route> routes() {
        return List.of(
                Route.of("GET", "subjects", this::subjects),
                Route.of("POST", "subjects/{s}/versions", this::register),
                Route.of("POST", "subjects/{s}", this::lookup),
                Route.of("DELETE", "subjects/{s}", this::deleteSubject),
                Route.of("GET", "subjects/{s}/versions", this::versions),
                Route.of("DELETE", "subjects/{s}/versions/{v}", (c, p) -> {
                    Registered deleted = version(c, p.get(0), p.get(1));
                    store.deleteVersion(group(c), p.get(0), deleted.version().version());
                    return reply(200, number(deleted.version()));
                }),
                Route.of(
                        "GET",
                        "subjects/{s}/versions/{v}",
                        (c, p) -> reply(200, schemaVersion(version(c, p.get(0), p.get(1))))),
                Route.of(
                        "GET",
                        "subjects/{s}/versions/{v}/schema",
                        (c, p) -> HttpReply.text(
                                200, MEDIA_TYPE, version(c, p.get(0), p.get(1)).content())),
                Route.of("GET", "subjects/{s}/versions/{v}/referencedby", (c, p) -> {
                    version(c, p.get(0), p.get(1));
                    return reply(200, List.of());
                }),
                Route.of("GET", "schemas/ids/{id}", (c, p) -> {
                    Map<String, Object> body = object();
                    body.put("schema", store.contentById(HttpCall.parseLong("id", p.get(0))));
                    body.put("schemaType", "AVRO");
                    body.put("references", List.of());
                    return reply(200, body);
                }),
                Route.of("GET", "schemas/ids/{id}/versions", this::schemaVersions),
                Route.of("GET", "schemas/types", (c, p) -> reply(200, List.of("AVRO"))),
                Route.of("POST", "compatibility/subjects/{s}/versions", (c, p) -> compatibility(c, p.get(0), null)),
                Route.of(
                        "POST",
                        "compatibility/subjects/{s}/versions/{v}",
                        (c, p) -> compatibility(c, p.get(0), p.get(1))),
                Route.of(
                        "GET",
                        "config",
                        (c, p) -> reply(
                                200,
                                Map.of(
                                        "compatibilityLevel",
                                        store.globalRules().getOrDefault(RuleType.COMPATIBILITY, "NONE")))),
                Route.of("PUT", "config", (c, p) -> {
                    String level = level(c);
                    store.setGlobalRule(RuleType.COMPATIBILITY, level, null);
                    return reply(200, Map.of("compatibility", level));
                }),
                Route.of("GET", "config/{s}", (c, p) -> {
                    ArtifactRecord artifact = subject(c, p.get(0));
                    String level = artifact.rules()
                            .getOrDefault(
                                    RuleType.COMPATIBILITY,
                                    store.globalRules().getOrDefault(RuleType.COMPATIBILITY, "NONE"));
                    return reply(200, Map.of("compatibilityLevel", level));
                }),
                Route.of("PUT", "config/{s}", (c, p) -> {
                    String level = level(c);
                    subject(c, p.get(0));
                    store.setArtifactRule(group(c), p.get(0), RuleType.COMPATIBILITY, level, null);
                    return reply(200, Map.of("compatibility", level));
                }),
                Route.of("DELETE", "config/{s}", (c, p) -> {
                    ArtifactRecord artifact = subject(c, p.get(0));
                    String previous = artifact.rules().getOrDefault(RuleType.COMPATIBILITY, "NONE");
                    store.setArtifactRule(group(c), p.get(0), RuleType.COMPATIBILITY, null, null);
                    return reply(200, Map.of("compatibilityLevel", previous));
                }),
                Route.of("GET", "mode", (c, p) -> reply(200, Map.of("mode", "READWRITE"))),
                Route.of("PUT", "mode", (c, p) -> {
                    String mode = body(c).path("mode").asText("");
                    if (!mode.equals("READWRITE")) {
                        throw new HttpProblem(
                                422,
                                "42204",
                                "Mode '" + mode + "' is not supported; the embedded registry"
                                        + " is always READWRITE.");
                    }
                    return reply(200, Map.of("mode", mode));
                }));
    }

    @Override
    protected HttpReply error(int status, String name, String message, RegistryException cause) {
        int code = status;
        if (cause != null) {
            code = switch (cause.kind()) {
                case ARTIFACT_NOT_FOUND -> 40401;
                case VERSION_NOT_FOUND -> 40402;
                case CONTENT_NOT_FOUND -> 40403;
                case UNPROCESSABLE_SCHEMA -> 42201;
                case INVALID_PROPERTY_VALUE -> 42203;
                case STORAGE -> 50001;
                default -> status;
            };
            if (code == 42201 || code == 42203) {
                status = 422;
            }
        } else if (name.matches("\\d{5}")) {
            code = Integer.parseInt(name);
        }
        Map<String, Object> body = object();
        body.put("error_code", code);
        body.put("message", message);
        HttpReply reply = json(status, body);
        return new HttpReply(reply.status(), MEDIA_TYPE, reply.body(), reply.headers());
    }

    private HttpReply subjects(HttpCall call, List<String> params) {
        String prefix = call.query("subjectPrefix");
        List<String> subjects = store.artifacts(group(call)).stream()
                .filter(a -> a.latest().isPresent())
                .map(ArtifactRecord::artifactId)
                .filter(s -> prefix == null || s.startsWith(prefix))
                .toList();
        return reply(200, subjects);
    }

    private HttpReply register(HttpCall call, List<String> params) {
        Registered registered = store.create(
                group(call), params.get(0), null, NewVersion.of(schema(call)), IfExists.RETURN_OR_UPDATE, false);
        return reply(200, Map.of("id", registered.version().contentId()));
    }

    private HttpReply lookup(HttpCall call, List<String> params) {
        subject(call, params.get(0));
        Registered registered;
        try {
            registered = store.findByContent(group(call), params.get(0), schema(call), true);
        } catch (RegistryException e) {
            throw new HttpProblem(404, "40403", "Schema not found under subject '" + params.get(0) + "'.");
        }
        return reply(200, schemaVersion(registered));
    }

    private HttpReply deleteSubject(HttpCall call, List<String> params) {
        ArtifactRecord artifact = subject(call, params.get(0));
        store.deleteArtifact(group(call), params.get(0));
        return reply(200, numbers(artifact.versions()));
    }

    private HttpReply versions(HttpCall call, List<String> params) {
        ArtifactRecord artifact = subject(call, params.get(0));
        return reply(200, numbers(artifact.enabledVersions()));
    }

    private HttpReply schemaVersions(HttpCall call, List<String> params) {
        long id = HttpCall.parseLong("id", params.get(0));
        store.contentById(id);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Registered registered : store.search(
                        new SearchQuery(null, null, null, null, null, null, id, "name", true, 0, Integer.MAX_VALUE))
                .artifacts()) {
            for (VersionRecord version : registered.artifact().enabledVersions()) {
                if (version.contentId() == id) {
                    Map<String, Object> item = object();
                    item.put("subject", registered.artifact().artifactId());
                    item.put("version", number(version));
                    result.add(item);
                }
            }
        }
        return reply(200, result);
    }

    private HttpReply compatibility(HttpCall call, String subject, String version) {
        subject(call, subject);
        String text = schema(call);
        Schema candidate;
        try {
            candidate = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new HttpProblem(
                    422,
                    "42201",
                    "Invalid schema: "
                            + (e.getCause() instanceof JsonProcessingException json
                                    ? JsonErrors.describe(json)
                                    : e.getMessage()));
        }
        CompatibilityLevel level =
                store.compatibilityInForce(group(call), subject).orElse(CompatibilityLevel.NONE);
        CompatibilityReport report;
        if (version == null || version.equals("latest")) {
            report = store.check(group(call), subject, candidate, level);
        } else {
            Registered against = version(call, subject, version);
            report = checker.checkVersions(
                    level,
                    List.of(new VersionedSchema(
                            RegistryStore.versionNumber(against.version(), 1), store.schema(against))),
                    candidate);
        }
        Map<String, Object> body = object();
        body.put("is_compatible", report.compatible());
        if ("true".equalsIgnoreCase(call.query("verbose"))) {
            List<String> messages = new ArrayList<>();
            report.incompatibilities().forEach(i -> messages.add(i.message() + " at " + i.jsonPointer()));
            body.put("messages", messages);
            body.put("reason", report.toText());
        }
        return reply(200, body);
    }

    private Registered version(HttpCall call, String subject, String version) {
        subject(call, subject);
        if (version.equals("latest") || version.equals("-1")) {
            return store.latest(group(call), subject);
        }
        try {
            Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new HttpProblem(
                    422, "42202", "Invalid version '" + version + "': use a positive number or 'latest'.");
        }
        return store.version(group(call), subject, version);
    }

    private ArtifactRecord subject(HttpCall call, String subject) {
        ArtifactRecord artifact = store.findArtifact(group(call), subject).orElse(null);
        if (artifact == null || artifact.latest().isEmpty()) {
            throw new HttpProblem(404, "40401", "Subject '" + subject + "' not found.");
        }
        return artifact;
    }

    private Map<String, Object> schemaVersion(Registered registered) {
        Map<String, Object> body = object();
        body.put("subject", registered.artifact().artifactId());
        body.put("version", number(registered.version()));
        body.put("id", registered.version().contentId());
        body.put("schemaType", "AVRO");
        body.put("references", List.of());
        body.put("schema", registered.content());
        return body;
    }

    private static String schema(HttpCall call) {
        JsonNode root = body(call);
        JsonNode schema = root.path("schema");
        if (!schema.isTextual() || schema.asText().isBlank()) {
            throw new HttpProblem(422, "42201", "The body must be {\"schema\": \"<Avro schema as a JSON string>\"}.");
        }
        String type = root.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw new HttpProblem(
                    422,
                    "42201",
                    "Schema type '" + type + "' is not supported: this registry stores Avro" + " schemas only.");
        }
        JsonNode references = root.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw new HttpProblem(
                    422,
                    "42201",
                    "Schema references are not supported by the embedded registry: inline"
                            + " the referenced named types.");
        }
        return schema.asText();
    }

    private static String level(HttpCall call) {
        String level = body(call).path("compatibility").asText("");
        try {
            return CompatibilityLevel.parse(level).name();
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(422, "42203", "Invalid compatibility level '" + level + "'. " + e.getMessage());
        }
    }

    private static JsonNode body(HttpCall call) {
        String mediaType = call.mediaType();
        if (!mediaType.isEmpty() && !MEDIA_TYPES.contains(mediaType)) {
            throw new HttpProblem(
                    415,
                    "UnsupportedMediaType",
                    "Content type '" + mediaType + "' is not supported; send " + MEDIA_TYPE + " or application/json.");
        }
        if (call.body().length == 0) {
            throw new HttpProblem(422, "42201", "The request body is empty; send a JSON object.");
        }
        try {
            JsonNode root = JSON.readTree(call.body());
            if (root == null || !root.isObject()) {
                throw new HttpProblem(422, "42201", "The request body must be a JSON object.");
            }
            return root;
        } catch (IOException e) {
            throw new HttpProblem(
                    422,
                    "42201",
                    "The request body is "
                            + (e instanceof JsonProcessingException json
                                    ? JsonErrors.describe(json)
                                    : "unreadable: " + e.getMessage())
                            + ".");
        }
    }

    private static String group(HttpCall call) {
        String group = call.header("X-Registry-GroupId");
        return group == null || group.isBlank() ? RegistryStore.DEFAULT_GROUP : group;
    }

    private static List<Integer> numbers(List<VersionRecord> versions) {
        List<Integer> numbers = new ArrayList<>();
        for (VersionRecord version : versions) {
            Integer number = number(version);
            if (number != null) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    private static Integer number(VersionRecord version) {
        try {
            return Integer.parseInt(version.version());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpReply reply(int status, Object body) {
        HttpReply reply = json(status, body);
        return new HttpReply(reply.status(), MEDIA_TYPE, reply.body(), reply.headers());
    }
}
