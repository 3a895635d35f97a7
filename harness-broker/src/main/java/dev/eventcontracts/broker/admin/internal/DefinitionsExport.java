package dev.eventcontracts.broker.admin.internal;

import dev.eventcontracts.broker.admin.definitions.Accounts;
import dev.eventcontracts.broker.core.Views;
import dev.eventcontracts.broker.core.VirtualHostAdmin;
import dev.eventcontracts.broker.core.policies.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/definitions}: the broker's users, permissions, policies and topology in the
 * JSON of RabbitMQ's {@code rabbitmqctl export_definitions}. Like RabbitMQ it leaves out exclusive
 * queues, the default and {@code amq.*} exchanges and the bindings of the default exchange.
 */
final class DefinitionsExport {
    private DefinitionsExport() {}

    static Map<String, Object> render(VirtualHostAdmin admin, Accounts accounts) {
        String vhost = admin.name();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rabbit_version", "3.10.8");
        m.put("rabbitmq_version", "3.10.8");
        m.put("product_name", "event-contracts harness broker");
        m.put("product_version", "3.10.8");
        List<Map<String, Object>> users = new ArrayList<>();
        for (Accounts.User u : accounts.users()) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("name", u.name());
            user.put("password_hash", u.passwordHash());
            user.put("hashing_algorithm", "rabbit_password_hashing_sha256");
            user.put("tags", u.tags());
            user.put("limits", Map.of());
            users.add(user);
        }
        m.put("users", users);
        m.put("vhosts", List.of(Map.of("name", vhost)));
        List<Map<String, Object>> permissions = new ArrayList<>();
        for (Accounts.Permission p : accounts.permissions()) {
            Map<String, Object> perm = new LinkedHashMap<>();
            perm.put("user", p.user());
            perm.put("vhost", vhost);
            perm.put("configure", p.configure());
            perm.put("write", p.write());
            perm.put("read", p.read());
            permissions.add(perm);
        }
        m.put("permissions", permissions);
        m.put("topic_permissions", List.of());
        m.put("parameters", List.of());
        m.put("global_parameters", List.of());
        m.put("policies", admin.policies().stream().map(p -> policy(vhost, p)).toList());
        List<Views.QueueView> queues =
                admin.queues().stream().filter(q -> !q.exclusive()).toList();
        Set<String> exported = queues.stream().map(Views.QueueView::name).collect(Collectors.toSet());
        m.put("queues", queues.stream().map(q -> queue(vhost, q)).toList());
        List<Views.ExchangeView> exchanges = admin.exchanges().stream()
                .filter(e -> !e.name().isEmpty() && !e.name().startsWith("amq."))
                .toList();
        m.put("exchanges", exchanges.stream().map(e -> exchange(vhost, e)).toList());
        m.put(
                "bindings",
                admin.bindings().stream()
                        .filter(b -> !b.source().isEmpty())
                        .filter(b -> !b.destinationType().equals("queue") || exported.contains(b.destination()))
                        .map(b -> binding(vhost, b))
                        .toList());
        return m;
    }

    /** A policy in the shape of {@code GET /api/policies}. */
    static Map<String, Object> policy(String vhost, Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vhost", vhost);
        m.put("name", p.name());
        m.put("pattern", p.pattern());
        m.put("apply-to", p.applyTo().wireName());
        m.put("definition", p.definition());
        m.put("priority", p.priority());
        return m;
    }

    private static Map<String, Object> queue(String vhost, Views.QueueView q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.name());
        m.put("vhost", vhost);
        m.put("durable", q.durable());
        m.put("auto_delete", q.autoDelete());
        Object type = q.arguments().get("x-queue-type");
        m.put("type", type == null ? "classic" : type.toString());
        m.put("arguments", JsonShapes.table(q.arguments()));
        return m;
    }

    private static Map<String, Object> exchange(String vhost, Views.ExchangeView e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("vhost", vhost);
        m.put("type", e.type());
        m.put("durable", e.durable());
        m.put("auto_delete", e.autoDelete());
        if (e.internal()) { // rabbitmqctl export_definitions (3.10.8) writes no "internal" field
            m.put("internal", true);
        }
        m.put("arguments", JsonShapes.table(e.arguments()));
        return m;
    }

    private static Map<String, Object> binding(String vhost, Views.BindingView b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", b.source());
        m.put("vhost", vhost);
        m.put("destination", b.destination());
        m.put("destination_type", b.destinationType());
        m.put("routing_key", b.routingKey());
        m.put("arguments", JsonShapes.table(b.arguments()));
        return m;
    }
}
