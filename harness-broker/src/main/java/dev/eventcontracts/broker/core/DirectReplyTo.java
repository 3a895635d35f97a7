package dev.eventcontracts.broker.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RabbitMQ's direct reply-to (see docs/broker.md, "Direct reply-to"): a channel consumes the
 * pseudo-queue {@value #QUEUE} in no-ack mode; a request it publishes with {@code reply_to =
 * amq.rabbitmq.reply-to} leaves with {@code reply_to = amq.rabbitmq.reply-to.<secret>}, and a reply
 * published to the default exchange with that routing key goes straight to the consumer, without
 * a queue. One registry per virtual host; runs on its thread.
 */
final class DirectReplyTo {
    /** The pseudo-queue's name and the {@code reply_to} value a requester sets. */
    static final String QUEUE = "amq.rabbitmq.reply-to";

    private static final String PREFIX = QUEUE + ".";

    private final Map<String, Session> byKey = new HashMap<>();

    static boolean isPseudoQueue(String name) {
        return name.equals(QUEUE);
    }

    static boolean isReplyAddress(String name) {
        return name.startsWith(PREFIX);
    }

    /** Registers a session's reply consumer; returns the address requests carry in {@code reply_to}. */
    String register(Session session, String secret) {
        byKey.put(secret, session);
        return PREFIX + secret;
    }

    void unregister(String address) {
        if (address != null) {
            byKey.remove(address.substring(PREFIX.length()));
        }
    }

    /** The session consuming replies sent to {@code address}, if it is still there. */
    Optional<Session> target(String address) {
        return isReplyAddress(address)
                ? Optional.ofNullable(byKey.get(address.substring(PREFIX.length())))
                : Optional.empty();
    }
}
