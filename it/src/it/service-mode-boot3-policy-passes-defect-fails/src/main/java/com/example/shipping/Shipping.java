package com.example.shipping;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** What the listeners store (once per id) and announce. */
@Component
public class Shipping {

    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final RabbitTemplate rabbit;

    public Shipping(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /** Stores once and announces once: the announcement follows the state change. */
    void storeAndAnnounce(String id, String routingKey) {
        if (stored.add(routingKey + "/" + id)) {
            rabbit.convertAndSend("shipping", routingKey, id);
        }
    }
}
