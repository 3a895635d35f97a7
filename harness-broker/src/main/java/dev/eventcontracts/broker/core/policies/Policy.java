package dev.eventcontracts.broker.core.policies;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A RabbitMQ policy of one virtual host: queues and/or exchanges whose name matches {@code
 * pattern} (a regular expression, unanchored) take the settings of {@code definition}; when
 * several policies match, the one with the highest {@code priority} applies alone (equal
 * priorities: the name that sorts first). See docs/broker.md, Policies.
 *
 * @param name the policy's name
 * @param pattern regular expression matched against object names
 * @param applyTo queues, exchanges or all
 * @param priority higher wins
 * @param definition the settings, e.g. {@code {"dead-letter-exchange":"dlx","max-length":1000}}
 */
public record Policy(String name, String pattern, ApplyTo applyTo, int priority, Map<String, Object> definition) {

    /**
     * Validates like RabbitMQ 3.10.
     *
     * @throws PolicyException with RabbitMQ's text, the offending field and the fix
     */
    public Policy {
        if (name == null || name.isEmpty()) {
            throw new PolicyException("policy name is empty; give the policy a name, e.g. 'dlx'", "name");
        }
        if (pattern == null) {
            throw new PolicyException("policy '" + name + "' has no pattern; use e.g. \"^orders\\\\.\"", "pattern");
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new PolicyException(
                    "pattern should be regular expression but is invalid: " + e.getDescription() + " in '" + pattern
                            + "' (policy '" + name + "'); fix the regular expression, e.g. \"^orders\\\\.\"",
                    "pattern");
        }
        Objects.requireNonNull(applyTo, "applyTo");
        definition = PolicyDefinition.validate(definition);
    }

    /** A policy applying to queues and exchanges (RabbitMQ's default apply-to) with priority 0. */
    public static Policy of(String name, String pattern, Map<String, Object> definition) {
        return new Policy(name, pattern, ApplyTo.ALL, 0, definition);
    }

    /** Whether this policy applies to queues ({@code true}) or exchanges ({@code false}) at all. */
    public boolean appliesTo(boolean queue) {
        return queue ? applyTo.queues() : applyTo.exchanges();
    }

    /** The definition value of {@code key}, or null. */
    public Object get(String key) {
        return definition.get(key);
    }
}
