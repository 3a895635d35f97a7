package dev.eventcontracts.plugin.asyncapi;

import dev.eventcontracts.plugin.discovery.ConsumerModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The keys of channels, operations and messages in the document: the queue, exchange, consumer or
 * payload name itself where it is a valid, unique key, so the document reads like the topology.
 * An exchange named like a queue gets {@code -exchange}; two payloads or consumers with the same
 * simple name get their full names.
 */
final class Names {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final Set<String> queueKeys;
    private final Map<String, String> messageKeyByFullName;
    private final Map<String, String> operationKeyById;

    private Names(Set<String> queueKeys, Map<String, String> messageKeys, Map<String, String> operationKeys) {
        this.queueKeys = queueKeys;
        this.messageKeyByFullName = messageKeys;
        this.operationKeyById = operationKeys;
    }

    static Names of(List<ConsumerModel> consumers) {
        Set<String> queues = new TreeSet<>();
        for (ConsumerModel c : consumers) {
            queues.add(key(c.queue()));
            if (!c.deadLetterQueue().isEmpty()) {
                queues.add(key(c.deadLetterQueue()));
            }
        }
        Map<String, String> messages = unique(
                consumers.stream().map(c -> c.schema().fullName()).distinct().toList());
        Map<String, String> operations = new HashMap<>();
        Map<String, Long> simpleCounts = new HashMap<>();
        for (ConsumerModel c : consumers) {
            simpleCounts.merge(c.consumerSimpleName() + "." + c.handler(), 1L, Long::sum);
        }
        for (ConsumerModel c : consumers) {
            String simple = c.consumerSimpleName() + "." + c.handler();
            operations.put(c.id(), key(simpleCounts.get(simple) > 1 ? c.consumerClass() + "." + c.handler() : simple));
        }
        return new Names(queues, messages, operations);
    }

    private static Map<String, String> unique(List<String> fullNames) {
        Map<String, Long> counts = new HashMap<>();
        for (String name : fullNames) {
            counts.merge(AsyncApiDocument.simple(name), 1L, Long::sum);
        }
        Map<String, String> keys = new HashMap<>();
        for (String name : fullNames) {
            String simple = AsyncApiDocument.simple(name);
            keys.put(name, key(counts.get(simple) > 1 ? name : simple));
        }
        return keys;
    }

    String queue(ConsumerModel c) {
        return key(c.queue());
    }

    String deadLetterQueue(ConsumerModel c) {
        return key(c.deadLetterQueue());
    }

    String exchange(ConsumerModel c) {
        String key = key(c.exchange());
        return queueKeys.contains(key) ? key + "-exchange" : key;
    }

    String message(ConsumerModel c) {
        return messageKeyByFullName.get(c.schema().fullName());
    }

    String operation(ConsumerModel c) {
        return operationKeyById.get(c.id());
    }

    /** Message key → payload full name. */
    Map<String, String> messagesByKey() {
        Map<String, String> byKey = new TreeMap<>();
        messageKeyByFullName.forEach((full, key) -> byKey.put(key, full));
        return byKey;
    }

    private static String key(String name) {
        String key = UNSAFE.matcher(name).replaceAll("_");
        return key.isEmpty() ? "_" : key;
    }
}
