package dev.eventcontracts.spring.kafkasamples;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The Kafka sample services' listener: rejects invalid orders, creates one shipment per order (an
 * idempotent write in the "database" of its cluster, which outlives a restart of the service) and
 * produces {@code shipments.created}; with {@code idempotent = false} it produces on every record
 * (the defect).
 */
public class ShipmentListener {

    /**
     * The durable state, one per cluster and service (its topic): survives a context restart and is
     * shared by two instances of one service, not by the other sample services on the same broker.
     */
    private static final Map<String, Set<String>> DATABASE = new ConcurrentHashMap<>();

    private final KafkaTemplate<Object, Object> template;
    private final Set<String> shipped;
    private final boolean idempotent;

    public ShipmentListener(KafkaTemplate<Object, Object> template, String cluster, boolean idempotent) {
        this.template = template;
        this.shipped = DATABASE.computeIfAbsent(cluster, c -> ConcurrentHashMap.newKeySet());
        this.idempotent = idempotent;
    }

    @KafkaListener(topics = "${orders.topic}", groupId = "${orders.topic}.shipping")
    public void onOrder(OrderPlaced event) {
        ship(event);
    }

    public void ship(OrderPlaced event) {
        if (event.orderId() == null || event.orderId().isBlank() || event.quantity() <= 0) {
            throw new IllegalArgumentException("invalid order " + event);
        }
        if (shipped.add(event.orderId()) || !idempotent) {
            template.send("shipments.created", event.orderId(), "shipment for " + event.orderId());
        }
    }
}
