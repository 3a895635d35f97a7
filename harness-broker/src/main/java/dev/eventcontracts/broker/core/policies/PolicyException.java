package dev.eventcontracts.broker.core.policies;

/**
 * A policy that RabbitMQ would refuse. The message starts with RabbitMQ's own validation text
 * (e.g. {@code <<"a">> is not a valid maximum length}) and ends with the fix; {@link #field()}
 * names the offending part ({@code pattern}, {@code apply-to}, {@code priority} or the definition
 * key).
 */
public final class PolicyException extends IllegalArgumentException {
    private final String field;

    /** A refusal of {@code field} with this message. */
    public PolicyException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The offending field: {@code pattern}, {@code apply-to}, {@code priority}, or a definition key. */
    public String field() {
        return field;
    }
}
