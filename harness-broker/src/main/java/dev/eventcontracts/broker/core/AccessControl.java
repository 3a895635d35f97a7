package dev.eventcontracts.broker.core;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Per-user configure/write/read permissions of a virtual host, as RabbitMQ's: each is a regex a
 * resource name must match in full. Without any grant everything is allowed (an embedded core
 * without users); once users are granted, a user without a grant is refused everything.
 */
final class AccessControl {
    /** Which permission an operation needs. */
    enum Need {
        CONFIGURE,
        WRITE,
        READ
    }

    private record Grant(Pattern configure, Pattern write, Pattern read) {}

    private final String vhost;
    private final Map<String, Grant> grants = new HashMap<>();

    AccessControl(String vhost) {
        this.vhost = vhost;
    }

    void grant(String user, String configure, String write, String read) {
        grants.put(user, new Grant(compile("configure", configure), compile("write", write), compile("read", read)));
    }

    private static Pattern compile(String which, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "the " + which + " permission '" + regex + "' is not a valid regular expression: "
                            + e.getDescription(),
                    e);
        }
    }

    /** Throws 403 ACCESS_REFUSED unless {@code user} may {@code need} the resource. */
    void check(String user, Need need, String resourceType, String name) {
        if (grants.isEmpty()) {
            return;
        }
        Grant g = grants.get(user);
        String resource = resourceType.equals("exchange") && name.isEmpty() ? "amq.default" : name;
        if (g != null) {
            Pattern p = switch (need) {
                case CONFIGURE -> g.configure();
                case WRITE -> g.write();
                case READ -> g.read();
            };
            if (p.matcher(resource).matches()) {
                return;
            }
        }
        throw AmqpException.accessRefused("access to " + resourceType + " '" + resource + "' in vhost '" + vhost
                + "' refused for user '" + user + "'");
    }
}
