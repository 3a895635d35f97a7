package com.example.defects;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** The state every listener writes idempotently, and the outgoing event. */
@Component
public class Shipments {

    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final RabbitTemplate rabbit;

    public Shipments(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /** Stores the shipment once; true when it was new. */
    boolean store(String listener, Shipment s) {
        return stored.add(listener + "/" + s.shipmentId());
    }

    void announce(String listener, Shipment s) {
        rabbit.convertAndSend("shipments", listener + ".stored", s.shipmentId());
    }
}
