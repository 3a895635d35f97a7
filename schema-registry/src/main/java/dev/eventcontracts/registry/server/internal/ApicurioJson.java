package dev.eventcontracts.registry.server.internal;

import dev.eventcontracts.registry.store.ArtifactRecord;
import dev.eventcontracts.registry.store.Registered;
import dev.eventcontracts.registry.store.RegistryStore;
import dev.eventcontracts.registry.store.RuleType;
import dev.eventcontracts.registry.store.SearchPage;
import dev.eventcontracts.registry.store.VersionRecord;
import dev.eventcontracts.registry.store.VersionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of Apicurio REST v2 answers, with the field names and order of the 2.6 beans. */
final class ApicurioJson {

    private ApicurioJson() {}

    private static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    private static HttpReply json(int status, Object value) {
        return ApiHandler.json(status, value);
    }

    static HttpReply content(Registered registered) {
        HttpReply reply = HttpReply.text(200, "application/json", registered.content());
        if (registered.version().state() == VersionState.DEPRECATED) {
            reply = reply.withHeader("X-Registry-Deprecated", "true")
                    .withHeader("X-Registry-GroupId", registered.artifact().groupId())
                    .withHeader("X-Registry-ArtifactId", registered.artifact().artifactId())
                    .withHeader("X-Registry-Version", registered.version().version());
        }
        return reply;
    }

    static Map<String, Object> artifactMeta(Registered registered) {
        ArtifactRecord artifact = registered.artifact();
        VersionRecord version = registered.version();
        Map<String, Object> body = object();
        body.put("groupId", groupField(artifact.groupId()));
        body.put("id", artifact.artifactId());
        body.put("name", version.name());
        body.put("description", version.description());
        body.put("createdBy", "");
        body.put("createdOn", Codec.date(artifact.createdOn()));
        body.put("modifiedBy", "");
        body.put("modifiedOn", Codec.date(version.createdOn()));
        body.put("type", artifact.type());
        body.put("version", version.version());
        body.put("globalId", version.globalId());
        body.put("contentId", version.contentId());
        body.put("state", version.state().name());
        body.put("labels", artifact.labels());
        body.put("properties", artifact.properties());
        body.put("references", List.of());
        return body;
    }

    static Map<String, Object> versionMeta(Registered registered) {
        Map<String, Object> body = object();
        body.put("groupId", groupField(registered.artifact().groupId()));
        body.put("id", registered.artifact().artifactId());
        body.putAll(versionFields(registered.artifact(), registered.version()));
        return body;
    }

    static Map<String, Object> versionFields(ArtifactRecord artifact, VersionRecord version) {
        Map<String, Object> body = object();
        body.put("version", version.version());
        body.put("name", version.name());
        body.put("description", version.description());
        body.put("createdBy", "");
        body.put("createdOn", Codec.date(version.createdOn()));
        body.put("type", artifact.type());
        body.put("globalId", version.globalId());
        body.put("contentId", version.contentId());
        body.put("state", version.state().name());
        body.put("labels", List.of());
        body.put("properties", Map.of());
        return body;
    }

    static HttpReply searchResults(SearchPage page) {
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (Registered registered : page.artifacts()) {
            ArtifactRecord artifact = registered.artifact();
            Map<String, Object> item = object();
            item.put("groupId", groupField(artifact.groupId()));
            item.put("id", artifact.artifactId());
            item.put("name", artifact.name());
            item.put("description", artifact.description());
            item.put("createdBy", "");
            item.put("createdOn", Codec.date(artifact.createdOn()));
            item.put("modifiedBy", "");
            item.put("modifiedOn", Codec.date(artifact.modifiedOn()));
            item.put("type", artifact.type());
            item.put("state", registered.version().state().name());
            item.put("labels", artifact.labels());
            artifacts.add(item);
        }
        Map<String, Object> body = object();
        body.put("count", page.count());
        body.put("artifacts", artifacts);
        return json(200, body);
    }

    static Map<String, Object> ruleBody(RuleType type, String config) {
        Map<String, Object> body = object();
        body.put("type", type.name());
        body.put("config", config);
        return body;
    }

    static List<String> names(Map<RuleType, String> rules) {
        return rules.keySet().stream().map(Enum::name).toList();
    }

    static Map<String, Object> systemInfo() {
        Map<String, Object> body = object();
        body.put("name", "event-contracts embedded registry");
        body.put("description", "Apicurio Registry REST API v2 subset, backed by memory or a file store");
        body.put("version", "2.6.13.Final-compatible");
        body.put("builtOn", null);
        return body;
    }

    /** Apicurio reports the default group as null. */
    static String groupField(String groupId) {
        return RegistryStore.DEFAULT_GROUP.equals(groupId) ? null : groupId;
    }
}
