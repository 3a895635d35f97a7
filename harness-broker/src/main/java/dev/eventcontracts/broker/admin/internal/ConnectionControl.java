package dev.eventcontracts.broker.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.broker.admin.internal.AdminApi.ApiError;
import dev.eventcontracts.broker.admin.internal.AdminApi.Request;
import dev.eventcontracts.broker.admin.internal.AdminApi.Response;
import dev.eventcontracts.broker.core.Views;
import dev.eventcontracts.broker.core.VirtualHostAdmin;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connection control and user tags in the shapes of RabbitMQ's management API (see
 * docs/broker.md, "Connection control"): {@code GET /api/connections[/{name}]}, {@code DELETE
 * /api/connections/{name}} (320 CONNECTION_FORCED, reason from {@code X-Reason}), {@code GET/PUT
 * /api/users/{name}} with {@code tags}.
 */
final class ConnectionControl {
    /** RabbitMQ's reason when {@code DELETE /api/connections/{name}} has no {@code X-Reason}. */
    static final String DEFAULT_REASON = "Closed via management plugin";

    private ConnectionControl() {}

    static Response handle(AdminApi api, VirtualHostAdmin admin, Request r, List<String> rest) {
        if (rest.isEmpty()) {
            return api.json(
                    admin.connections().stream()
                            .map(c -> JsonShapes.connection(admin.name(), c))
                            .toList(),
                    r,
                    "GET",
                    true);
        }
        if (rest.size() > 1) {
            throw new ApiError(404, "not_found", "no resource at '" + r.path() + "'");
        }
        String name = rest.get(0);
        Views.ConnectionView c = admin.connections().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ApiError(
                        404,
                        "not_found",
                        "no connection '" + name + "'; GET /api/connections lists the names (URL-encode the"
                                + " ' -> ' in it)"));
        switch (r.method()) {
            case "GET" -> {
                return api.ok(JsonShapes.connection(admin.name(), c));
            }
            case "DELETE" -> {
                String reason = r.header("X-Reason");
                admin.closeConnection(name, reason == null || reason.isBlank() ? DEFAULT_REASON : reason);
                return new Response(204, "application/json", new byte[0]);
            }
            default ->
                throw new ApiError(
                        405,
                        "method_not_allowed",
                        r.method() + " is not allowed on '" + r.path() + "'; use GET or DELETE");
        }
    }

    static Response users(AdminApi api, VirtualHostAdmin admin, Request r, List<String> rest) {
        if (rest.size() != 1) {
            throw new ApiError(
                    404, "not_found", "no resource at '" + r.path() + "'; use /api/users/{name} to read or set tags");
        }
        String user = rest.get(0);
        switch (r.method()) {
            case "GET" -> {
                return api.ok(userJson(user, admin.userTags().of(user)));
            }
            case "PUT" -> {
                JsonNode body = api.readJson(r.body(), "{\"tags\":\"administrator,impersonator\"}");
                if (body == null || !body.isObject()) {
                    throw new ApiError(
                            400,
                            "bad_request",
                            "body must be a JSON object like {\"tags\":\"administrator\"}, got '" + body + "'");
                }
                for (String field : List.of("password", "password_hash")) {
                    if (body.has(field)) {
                        throw new ApiError(
                                400,
                                "bad_request",
                                "'" + field + "' cannot be changed here: harness users are configured at start"
                                        + " (Builder.user or --users); send only 'tags'");
                    }
                }
                admin.userTags().set(user, tags(body.get("tags")));
                return new Response(204, "application/json", new byte[0]);
            }
            default ->
                throw new ApiError(
                        405,
                        "method_not_allowed",
                        r.method() + " is not allowed on '" + r.path() + "'; use GET or PUT");
        }
    }

    /** RabbitMQ accepts tags as a comma-separated string or (newer releases) a JSON array. */
    private static Set<String> tags(JsonNode tags) {
        Set<String> out = new LinkedHashSet<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (tags.isArray()) {
            tags.forEach(t -> out.add(t.asText().trim()));
        } else if (tags.isTextual()) {
            Arrays.stream(tags.asText().split(",")).map(String::trim).forEach(out::add);
        } else {
            throw new ApiError(
                    400,
                    "bad_request",
                    "'tags' must be a string like \"administrator,impersonator\", got '" + tags + "'");
        }
        out.remove("");
        return out;
    }

    private static Map<String, Object> userJson(String user, List<String> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", user);
        m.put("tags", tags);
        return m;
    }
}
