package dev.eventcontracts.broker.admin.definitions;

import dev.eventcontracts.broker.core.AmqpException;
import dev.eventcontracts.broker.core.VirtualHostAdmin;
import dev.eventcontracts.broker.core.policies.Policy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies {@link Definitions} to a running virtual host, in RabbitMQ's order: users,
 * permissions, policies, exchanges, queues, bindings. Objects are declared as a client would
 * declare them, so an existing object with other properties is refused with RabbitMQ's 406 text
 * (what came before it stays applied, as in RabbitMQ). Runs on the virtual host's thread.
 */
public final class DefinitionsImport {
    private DefinitionsImport() {}

    /**
     * Applies {@code definitions}.
     *
     * @param source names the file or request in errors
     * @throws DefinitionsException naming the source, the JSON path of the refused object and the
     *     reason (e.g. {@code bindings[1].source: NOT_FOUND - no exchange 'x' in vhost '/'})
     */
    public static void apply(Definitions definitions, VirtualHostAdmin vhost, Accounts accounts, String source) {
        Set<String> users = new HashSet<>();
        accounts.users().forEach(u -> users.add(u.name()));
        each(definitions.users(), "users", source, (u, p) -> {
            accounts.putUser(u);
            users.add(u.name());
        });
        each(definitions.permissions(), "permissions", source, (g, p) -> {
            if (!users.contains(g.user())) {
                throw new DefinitionsException(
                        source, p + ".user", "no user '" + g.user() + "'; add it to \"users\" first");
            }
            vhost.grant(g.user(), g.configure(), g.write(), g.read());
            accounts.grant(g);
        });
        each(definitions.policies(), "policies", source, (Policy policy, String p) -> vhost.setPolicy(policy));
        each(
                definitions.exchanges(),
                "exchanges",
                source,
                (e, p) -> vhost.declareExchange(
                        e.name(), e.type(), e.durable(), e.autoDelete(), e.internal(), e.arguments()));
        each(
                definitions.queues(),
                "queues",
                source,
                (q, p) -> vhost.declareQueue(q.name(), q.durable(), q.autoDelete(), q.arguments()));
        each(
                definitions.bindings(),
                "bindings",
                source,
                (b, p) -> vhost.bind(
                        b.source(),
                        b.destination(),
                        b.destinationType().equals("exchange"),
                        b.routingKey(),
                        b.arguments()));
    }

    private interface Step<T> {
        void apply(T item, String path);
    }

    private static <T> void each(List<T> items, String key, String source, Step<T> step) {
        for (int i = 0; i < items.size(); i++) {
            String path = key + "[" + i + "]";
            try {
                step.apply(items.get(i), path);
            } catch (AmqpException e) {
                throw new DefinitionsException(source, path, e.getMessage() + "; fix or remove this entry");
            } catch (IllegalArgumentException e) {
                if (e instanceof DefinitionsException) {
                    throw e;
                }
                throw new DefinitionsException(source, path, e.getMessage());
            }
        }
    }
}
