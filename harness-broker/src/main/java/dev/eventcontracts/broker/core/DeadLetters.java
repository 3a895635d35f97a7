package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.store.Message;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the dead-lettered copy of a message: {@code x-death}, {@code x-first-death-*}, keys. */
final class DeadLetters {
    private DeadLetters() {}

    /**
     * The copy of {@code m} dead-lettered from {@code queue} for {@code reason} to exchange {@code
     * dlx}, routed with {@code dlrk} when not null.
     */
    static Message deadLettered(Message m, String queue, String reason, String dlx, String dlrk, long nowMillis) {
        BasicProperties p = m.properties();
        Map<String, Object> headers = p.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.headers());
        List<Object> deaths = new ArrayList<>();
        if (headers.get("x-death") instanceof List<?> existing) {
            deaths.addAll(existing);
        }
        Map<String, Object> entry = null;
        for (int i = 0; i < deaths.size(); i++) {
            if (deaths.get(i) instanceof Map<?, ?> d
                    && queue.equals(String.valueOf(d.get("queue")))
                    && reason.equals(String.valueOf(d.get("reason")))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> old = (Map<String, Object>) d;
                entry = new LinkedHashMap<>(old);
                Long count = QueueArguments.integer(old.get("count"));
                entry.put("count", count == null ? 1L : count + 1);
                deaths.remove(i);
                break;
            }
        }
        if (entry == null) {
            entry = new LinkedHashMap<>();
            if (p.expiration() != null) {
                entry.put("original-expiration", LongString.of(p.expiration()));
            }
            entry.put("count", 1L);
            entry.put("reason", LongString.of(reason));
            entry.put("queue", LongString.of(queue));
            entry.put("time", new Date(nowMillis / 1000 * 1000));
            entry.put("exchange", LongString.of(m.exchange()));
            List<Object> keys = new ArrayList<>();
            keys.add(LongString.of(m.routingKey()));
            m.ccKeys().forEach(k -> keys.add(LongString.of(k)));
            entry.put("routing-keys", keys);
        }
        deaths.add(0, entry);
        headers.put("x-death", deaths);
        headers.putIfAbsent("x-first-death-queue", LongString.of(queue));
        headers.putIfAbsent("x-first-death-reason", LongString.of(reason));
        headers.putIfAbsent("x-first-death-exchange", LongString.of(m.exchange()));
        if (dlrk != null) {
            headers.remove("CC");
        }
        BasicProperties props = p.withHeaders(headers).withExpiration(null);
        if (dlrk != null) {
            return new Message(dlx, dlrk, List.of(), List.of(), props, m.body());
        }
        return new Message(dlx, m.routingKey(), m.ccKeys(), m.bccKeys(), props, m.body());
    }

    /**
     * RabbitMQ's cycle rule: for a reason other than {@code rejected}, drop the copy for a target
     * queue that already appears in its death history with no rejection on the way.
     */
    static boolean isCycle(Message deadLettered, String reason, String targetQueue) {
        if (reason.equals("rejected")) {
            return false;
        }
        Map<String, Object> headers = deadLettered.properties().headers();
        if (!(headers.get("x-death") instanceof List<?> deaths)) {
            return false;
        }
        for (Object o : deaths) {
            if (o instanceof Map<?, ?> d) {
                if ("rejected".equals(String.valueOf(d.get("reason")))) {
                    return false;
                }
                if (targetQueue.equals(String.valueOf(d.get("queue")))) {
                    return true;
                }
            }
        }
        return false;
    }
}
