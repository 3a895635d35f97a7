package dev.eventcontracts.broker.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * RabbitMQ's user tags ({@code rabbitmqctl set_user_tags}): every user starts with {@code
 * administrator}, as RabbitMQ's default {@code guest}. The harness reads one tag: {@code
 * impersonator}, which lets a user publish with another user's {@code user-id} property. Tags live
 * as long as the broker, across restarts.
 */
public final class UserTags {
    /** The tag that allows a foreign {@code user-id}. */
    public static final String IMPERSONATOR = "impersonator";

    private static final List<String> DEFAULT = List.of("administrator");

    private final Map<String, List<String>> tags = new HashMap<>();

    /** The tags of {@code user}, sorted. */
    public List<String> of(String user) {
        return tags.getOrDefault(user, DEFAULT);
    }

    /** Replaces the tags of {@code user} (an empty set clears them). */
    public void set(String user, Set<String> newTags) {
        tags.put(user, List.copyOf(new TreeSet<>(newTags)));
    }

    boolean has(String user, String tag) {
        return of(user).contains(tag);
    }
}
