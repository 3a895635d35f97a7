package dev.eventcontracts.registry.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Apicurio Registry REST API v2 under {@code /apis/registry/v2}: the subset
 * apicurio-registry-client 2.6 uses (docs/registry.md lists it), with Apicurio's JSON shapes,
 * headers, date format and error names.
 */
public final class ApicurioApi extends ApiHandler {

    private static final String ARTIFACT = "groups/{g}/artifacts/{a}";

    private final RegistryStore store;

    public ApicurioApi(RegistryStore store, long maxBodyBytes) {
        super("/apis/registry/v2", maxBodyBytes);
        this.store = store;
    }

    @Override
    protected List<Route> routes() {
        return List.of(
                Route.of("GET", "system/info", (c, p) -> json(200, ApicurioJson.systemInfo())),
                Route.of("POST", "groups/{g}/artifacts", this::createArtifact),
                Route.of(
                        "GET",
                        "groups/{g}/artifacts",
                        (c, p) -> ApicurioJson.searchResults(store.search(new SearchQuery(
                                p.get(0),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                orderBy(c),
                                ascending(c),
                                c.queryInt("offset", 0),
                                c.queryInt("limit", 20))))),
                Route.of("DELETE", "groups/{g}/artifacts", this::deleteGroupArtifacts),
                Route.of("GET", ARTIFACT, (c, p) -> ApicurioJson.content(store.latest(p.get(0), p.get(1)))),
                Route.of(
                        "PUT",
                        ARTIFACT,
                        (c, p) -> json(
                                200, ApicurioJson.artifactMeta(store.addVersion(p.get(0), p.get(1), newVersion(c))))),
                Route.of("DELETE", ARTIFACT, (c, p) -> {
                    store.deleteArtifact(p.get(0), p.get(1));
                    return HttpReply.noContent();
                }),
                Route.of(
                        "GET",
                        ARTIFACT + "/meta",
                        (c, p) -> json(200, ApicurioJson.artifactMeta(store.latest(p.get(0), p.get(1))))),
                Route.of(
                        "POST",
                        ARTIFACT + "/meta",
                        (c, p) -> json(
                                200,
                                ApicurioJson.versionMeta(store.findByContent(
                                        p.get(0),
                                        p.get(1),
                                        content(c, "get"),
                                        "true".equalsIgnoreCase(c.query("canonical")))))),
                Route.of("GET", ARTIFACT + "/versions", this::listVersions),
                Route.of(
                        "POST",
                        ARTIFACT + "/versions",
                        (c, p) -> json(
                                200, ApicurioJson.versionMeta(store.addVersion(p.get(0), p.get(1), newVersion(c))))),
                Route.of(
                        "GET",
                        ARTIFACT + "/versions/{v}",
                        (c, p) -> ApicurioJson.content(store.version(p.get(0), p.get(1), p.get(2)))),
                Route.of(
                        "GET",
                        ARTIFACT + "/versions/{v}/meta",
                        (c, p) -> json(200, ApicurioJson.versionMeta(store.version(p.get(0), p.get(1), p.get(2))))),
                Route.of("GET", ARTIFACT + "/versions/{v}/references", (c, p) -> {
                    store.version(p.get(0), p.get(1), p.get(2));
                    return json(200, List.of());
                }),
                Route.of("PUT", ARTIFACT + "/test", (c, p) -> {
                    store.testUpdate(p.get(0), p.get(1), content(c, "create"));
                    return HttpReply.noContent();
                }),
                Route.of(
                        "GET",
                        ARTIFACT + "/rules",
                        (c, p) -> json(200, ApicurioJson.names(store.artifactRules(p.get(0), p.get(1))))),
                Route.of("POST", ARTIFACT + "/rules", (c, p) -> {
                    Map.Entry<RuleType, String> rule = rule(c, null);
                    store.setArtifactRule(p.get(0), p.get(1), rule.getKey(), rule.getValue(), false);
                    return HttpReply.noContent();
                }),
                Route.of("DELETE", ARTIFACT + "/rules", (c, p) -> {
                    store.deleteArtifactRules(p.get(0), p.get(1));
                    return HttpReply.noContent();
                }),
                Route.of("GET", ARTIFACT + "/rules/{r}", (c, p) -> {
                    RuleType type = RuleType.parse(p.get(2));
                    String config = store.artifactRules(p.get(0), p.get(1)).get(type);
                    return json(200, ApicurioJson.ruleBody(type, requireRule(type, config)));
                }),
                Route.of("PUT", ARTIFACT + "/rules/{r}", (c, p) -> {
                    Map.Entry<RuleType, String> rule = rule(c, RuleType.parse(p.get(2)));
                    store.setArtifactRule(p.get(0), p.get(1), rule.getKey(), rule.getValue(), true);
                    return json(
                            200,
                            ApicurioJson.ruleBody(
                                    rule.getKey(),
                                    store.artifactRules(p.get(0), p.get(1)).get(rule.getKey())));
                }),
                Route.of("DELETE", ARTIFACT + "/rules/{r}", (c, p) -> {
                    store.setArtifactRule(p.get(0), p.get(1), RuleType.parse(p.get(2)), null, true);
                    return HttpReply.noContent();
                }),
                Route.of("GET", "admin/rules", (c, p) -> json(200, ApicurioJson.names(store.globalRules()))),
                Route.of("POST", "admin/rules", (c, p) -> {
                    Map.Entry<RuleType, String> rule = rule(c, null);
                    store.setGlobalRule(rule.getKey(), rule.getValue(), false);
                    return HttpReply.noContent();
                }),
                Route.of("DELETE", "admin/rules", (c, p) -> {
                    store.deleteGlobalRules();
                    return HttpReply.noContent();
                }),
                Route.of("GET", "admin/rules/{r}", (c, p) -> {
                    RuleType type = RuleType.parse(p.get(0));
                    return json(
                            200,
                            ApicurioJson.ruleBody(
                                    type, requireRule(type, store.globalRules().get(type))));
                }),
                Route.of("PUT", "admin/rules/{r}", (c, p) -> {
                    Map.Entry<RuleType, String> rule = rule(c, RuleType.parse(p.get(0)));
                    store.setGlobalRule(rule.getKey(), rule.getValue(), true);
                    return json(
                            200,
                            ApicurioJson.ruleBody(
                                    rule.getKey(), store.globalRules().get(rule.getKey())));
                }),
                Route.of("DELETE", "admin/rules/{r}", (c, p) -> {
                    store.setGlobalRule(RuleType.parse(p.get(0)), null, true);
                    return HttpReply.noContent();
                }),
                Route.of(
                        "GET",
                        "ids/globalIds/{id}",
                        (c, p) -> ApicurioJson.content(store.byGlobalId(HttpCall.parseLong("globalId", p.get(0))))),
                Route.of("GET", "ids/globalIds/{id}/references", (c, p) -> {
                    store.byGlobalId(HttpCall.parseLong("globalId", p.get(0)));
                    return json(200, List.of());
                }),
                Route.of(
                        "GET",
                        "ids/contentIds/{id}",
                        (c, p) -> HttpReply.text(
                                200,
                                "application/octet-stream",
                                store.contentById(HttpCall.parseLong("contentId", p.get(0))))),
                Route.of("GET", "ids/contentIds/{id}/references", (c, p) -> {
                    store.contentById(HttpCall.parseLong("contentId", p.get(0)));
                    return json(200, List.of());
                }),
                Route.of(
                        "GET",
                        "ids/contentHashes/{h}",
                        (c, p) -> HttpReply.text(200, "application/json", store.contentByHash(p.get(0)))),
                Route.of("GET", "ids/contentHashes/{h}/references", (c, p) -> {
                    store.contentByHash(p.get(0));
                    return json(200, List.of());
                }),
                Route.of(
                        "GET",
                        "search/artifacts",
                        (c, p) -> ApicurioJson.searchResults(store.search(new SearchQuery(
                                c.query("group"),
                                c.query("name"),
                                c.query("description"),
                                c.queryAll("labels"),
                                c.queryAll("properties"),
                                c.queryLong("globalId"),
                                c.queryLong("contentId"),
                                orderBy(c),
                                ascending(c),
                                c.queryInt("offset", 0),
                                c.queryInt("limit", 20))))));
    }

    @Override
    protected HttpReply error(int status, String name, String message, RegistryException cause) {
        Map<String, Object> body = object();
        body.put("error_code", status);
        body.put("name", name);
        body.put("message", message);
        body.put("detail", name + ": " + message);
        if (cause != null && cause.kind() == RegistryException.Kind.RULE_VIOLATION) {
            List<Map<String, Object>> causes = new ArrayList<>();
            for (RegistryException.Cause c : cause.causes()) {
                Map<String, Object> item = object();
                item.put("description", c.description());
                item.put("context", c.context());
                causes.add(item);
            }
            body.put("causes", causes);
        }
        return json(status, body);
    }

    // ---- endpoints with more than a line of logic

    private HttpReply createArtifact(HttpCall call, List<String> params) {
        IfExists ifExists = IfExists.parse(call.query("ifExists"));
        boolean canonical = "true".equalsIgnoreCase(call.query("canonical"));
        Registered registered = store.create(
                params.get(0),
                call.header("X-Registry-ArtifactId"),
                call.header("X-Registry-ArtifactType"),
                newVersion(call),
                ifExists,
                canonical);
        return json(200, ApicurioJson.artifactMeta(registered));
    }

    private HttpReply deleteGroupArtifacts(HttpCall call, List<String> params) {
        for (ArtifactRecord artifact : store.artifacts(params.get(0))) {
            store.deleteArtifact(artifact.groupId(), artifact.artifactId());
        }
        return HttpReply.noContent();
    }

    private HttpReply listVersions(HttpCall call, List<String> params) {
        ArtifactRecord artifact = store.artifact(params.get(0), params.get(1));
        List<VersionRecord> versions = artifact.versions();
        int offset = Math.max(0, call.queryInt("offset", 0));
        int limit = Math.max(0, call.queryInt("limit", 20));
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < versions.size() && page.size() < limit; i++) {
            Map<String, Object> item = ApicurioJson.versionFields(artifact, versions.get(i));
            item.put("references", List.of());
            page.add(item);
        }
        Map<String, Object> body = object();
        body.put("count", versions.size());
        body.put("versions", page);
        return json(200, body);
    }

    // ---- request parsing

    private NewVersion newVersion(HttpCall call) {
        String name = decodedHeader(call, "X-Registry-Name");
        String description = decodedHeader(call, "X-Registry-Description");
        String content = content(call, "create");
        checkHash(call);
        return new NewVersion(content, call.header("X-Registry-Version"), name, description);
    }

    /** The schema text: the raw body, or {@code content} of an {@code *.extended+json} body. */
    private static String content(HttpCall call, String extendedKind) {
        String mediaType = call.mediaType();
        if (mediaType.endsWith("extended+json")) {
            if (!mediaType.contains(extendedKind + ".extended")) {
                throw new HttpProblem(
                        415,
                        "BadRequestException",
                        "Content type '" + mediaType + "' is not accepted here;"
                                + " use application/json or application/" + extendedKind + ".extended+json.");
            }
            JsonNode root;
            try {
                root = JSON.readTree(call.body());
            } catch (JsonProcessingException e) {
                throw HttpProblem.badRequest("The " + mediaType + " body is " + JsonErrors.describe(e) + ".");
            } catch (IOException e) {
                throw HttpProblem.badRequest("The " + mediaType + " body cannot be read: " + e.getMessage());
            }
            if (root == null || !root.isObject() || !root.path("content").isTextual()) {
                throw HttpProblem.badRequest(
                        "The " + mediaType + " body must be an object with a string field 'content'.");
            }
            JsonNode references = root.path("references");
            if (references.isArray() && !references.isEmpty()) {
                throw HttpProblem.badRequest(
                        "Artifact references are not supported by the embedded registry: inline the"
                                + " referenced named types into the schema.");
            }
            return root.get("content").asText();
        }
        if (!mediaType.isEmpty()
                && !mediaType.equals("application/json")
                && !mediaType.endsWith("+json")
                && !mediaType.equals("text/plain")
                && !mediaType.equals("application/octet-stream")
                && !mediaType.equals("*/*")) {
            throw new HttpProblem(
                    415,
                    "BadRequestException",
                    "Content type '" + mediaType + "' is not supported: the"
                            + " embedded registry stores Avro schemas. Send the .avsc text as application/json.");
        }
        return call.text();
    }

    private static String decodedHeader(HttpCall call, String header) {
        String plain = call.header(header);
        String encoded = call.header(header + "-Encoded");
        if (plain != null && encoded != null) {
            throw new RegistryException(
                    RegistryException.Kind.PARAMETERS_CONFLICT,
                    "Both " + header + " and " + header + "-Encoded were sent; send only one.");
        }
        if (encoded == null) {
            return plain;
        }
        try {
            return new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(header + "-Encoded is not valid base64: '" + encoded + "'.");
        }
    }

    private static void checkHash(HttpCall call) {
        String expected = call.header("X-Registry-Content-Hash");
        if (expected == null) {
            return;
        }
        String algorithm = call.header("X-Registry-Hash-Algorithm");
        String javaName = algorithm == null || algorithm.equalsIgnoreCase("SHA256")
                ? "SHA-256"
                : algorithm.equalsIgnoreCase("MD5") ? "MD5" : null;
        if (javaName == null) {
            throw HttpProblem.badRequest("Unknown X-Registry-Hash-Algorithm '" + algorithm + "'; use SHA256 or MD5.");
        }
        try {
            String actual =
                    HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(call.body()));
            if (!actual.equalsIgnoreCase(expected.trim())) {
                throw HttpProblem.badRequest("The content hash '" + expected + "' does not match the " + algorithm
                        + " of the content sent ('" + actual + "').");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " is missing from this JVM", e);
        }
    }

    private static Map.Entry<RuleType, String> rule(HttpCall call, RuleType fromPath) {
        String mediaType = call.mediaType();
        if (!mediaType.isEmpty() && !mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new HttpProblem(
                    415,
                    "BadRequestException",
                    "Content type '" + mediaType + "' is not supported for rules: send the rule as application/json.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(call.body());
        } catch (IOException e) {
            throw HttpProblem.badRequest("The rule body is "
                    + (e instanceof JsonProcessingException json ? JsonErrors.describe(json) : "unreadable")
                    + "; send {\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}.");
        }
        if (root == null || !root.isObject()) {
            throw new RegistryException(
                    RegistryException.Kind.MISSING_REQUIRED_PARAMETER,
                    "The rule body is empty; send {\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}.");
        }
        String typeText = root.path("type").asText(null);
        RuleType type = fromPath != null ? fromPath : null;
        if (type == null) {
            if (typeText == null || typeText.isBlank()) {
                throw new RegistryException(
                        RegistryException.Kind.MISSING_REQUIRED_PARAMETER, "The rule 'type' is missing.");
            }
            type = RuleType.parse(typeText);
        }
        String config = root.path("config").asText(null);
        if (config == null || config.isBlank()) {
            throw new RegistryException(
                    RegistryException.Kind.MISSING_REQUIRED_PARAMETER,
                    "The rule 'config' is missing; for " + type + " use one of " + type.configs() + ".");
        }
        return Map.entry(type, config);
    }

    private static String requireRule(RuleType type, String config) {
        if (config == null) {
            throw new RegistryException(
                    RegistryException.Kind.RULE_NOT_FOUND, "No rule named '" + type + "' was found.");
        }
        return config;
    }

    private static String orderBy(HttpCall call) {
        String orderBy = call.query("orderby");
        return orderBy == null ? "name" : orderBy;
    }

    private static boolean ascending(HttpCall call) {
        String order = call.query("order");
        return order == null || !order.toLowerCase(Locale.ROOT).equals("desc");
    }
}
