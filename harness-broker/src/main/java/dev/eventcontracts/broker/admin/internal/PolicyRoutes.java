package dev.eventcontracts.broker.admin.internal;

import dev.eventcontracts.broker.admin.definitions.Accounts;
import dev.eventcontracts.broker.admin.definitions.Definitions;
import dev.eventcontracts.broker.admin.definitions.DefinitionsException;
import dev.eventcontracts.broker.admin.definitions.DefinitionsImport;
import dev.eventcontracts.broker.admin.definitions.DefinitionsReader;
import dev.eventcontracts.broker.core.VirtualHostAdmin;
import dev.eventcontracts.broker.core.policies.Policy;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/policies} and {@code /api/definitions}, in the request and response shapes of
 * RabbitMQ's management API (docs/broker.md, Policies and Definitions).
 */
final class PolicyRoutes {
    /** A status and a body for Jackson (null: no body). */
    record Reply(int status, Object body) {}

    private final VirtualHostAdmin admin;
    private final Accounts accounts;

    PolicyRoutes(VirtualHostAdmin admin, Accounts accounts) {
        this.admin = admin;
        this.accounts = accounts;
    }

    /**
     * {@code GET /api/policies[/{vhost}]}, {@code GET|PUT|DELETE /api/policies/{vhost}/{name}};
     * {@code rest} is the path after {@code policies}, its vhost already checked.
     *
     * @return the status (200, 201 created, 204 updated or deleted) and the body (null for none)
     */
    Reply policies(String method, List<String> rest, byte[] body, String path) {
        if (rest.size() <= 1) {
            require(method, "GET", path);
            return new Reply(200, all());
        }
        if (rest.size() > 2) {
            throw new AdminApi.ApiError(404, "not_found", "no resource at '" + path + "'");
        }
        String name = rest.get(1);
        switch (method) {
            case "GET" -> {
                Policy p = admin.policies().stream()
                        .filter(x -> x.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> noPolicy(name));
                return new Reply(200, DefinitionsExport.policy(admin.name(), p));
            }
            case "PUT" -> {
                Policy p;
                try {
                    p = DefinitionsReader.readPolicy(name, body, "policy '" + name + "'");
                } catch (DefinitionsException e) {
                    throw new AdminApi.ApiError(400, "bad_request", e.getMessage());
                }
                boolean created = admin.setPolicy(p);
                return new Reply(created ? 201 : 204, null);
            }
            case "DELETE" -> {
                if (!admin.clearPolicy(name)) {
                    throw noPolicy(name);
                }
                return new Reply(204, null);
            }
            default ->
                throw new AdminApi.ApiError(
                        405,
                        "method_not_allowed",
                        method + " is not allowed on '" + path + "'; use GET, PUT or DELETE");
        }
    }

    /** {@code GET /api/definitions} exports, {@code POST /api/definitions} imports (204). */
    Reply definitions(String method, byte[] body, String path) {
        switch (method) {
            case "GET" -> {
                return new Reply(200, DefinitionsExport.render(admin, accounts));
            }
            case "POST" -> {
                try {
                    Definitions d = DefinitionsReader.read(body, "POST /api/definitions");
                    DefinitionsImport.apply(d, admin, accounts, "POST /api/definitions");
                } catch (DefinitionsException e) {
                    throw new AdminApi.ApiError(400, "bad_request", e.getMessage());
                }
                return new Reply(204, null);
            }
            default ->
                throw new AdminApi.ApiError(
                        405, "method_not_allowed", method + " is not allowed on '" + path + "'; use GET or POST");
        }
    }

    private List<Map<String, Object>> all() {
        return admin.policies().stream()
                .map(p -> DefinitionsExport.policy(admin.name(), p))
                .toList();
    }

    private AdminApi.ApiError noPolicy(String name) {
        return new AdminApi.ApiError(404, "not_found", "no policy '" + name + "' in vhost '" + admin.name() + "'");
    }

    private static void require(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw new AdminApi.ApiError(
                    405, "method_not_allowed", method + " is not allowed on '" + path + "'; use " + expected);
        }
    }
}
