package dev.eventcontracts.broker.core.policies;

/** Which objects a policy applies to, RabbitMQ 3.10's {@code apply-to} values. */
public enum ApplyTo {
    /** Queues only. */
    QUEUES("queues"),
    /** Exchanges only. */
    EXCHANGES("exchanges"),
    /** Queues and exchanges (the default). */
    ALL("all");

    private final String wireName;

    ApplyTo(String wireName) {
        this.wireName = wireName;
    }

    /** The value as written in {@code rabbitmqctl set_policy --apply-to} and the management API. */
    public String wireName() {
        return wireName;
    }

    /**
     * The value for {@code name}.
     *
     * @throws PolicyException with RabbitMQ's text when {@code name} is not one of the three
     */
    public static ApplyTo fromWireName(String name) {
        for (ApplyTo a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new PolicyException(
                "apply-to '" + name + "' unrecognised; should be 'queues', 'exchanges' or 'all'", "apply-to");
    }

    boolean queues() {
        return this != EXCHANGES;
    }

    boolean exchanges() {
        return this != QUEUES;
    }
}
