package com.example.shipping;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the listeners store (once per id, in the service's database) and announce (with a
 * publisher confirm): the insert is the duplicate check, and a publish the broker does not confirm
 * undoes it and fails the delivery, so the event is retried or dead-lettered, never lost.
 */
@Component
public class Shipping {

    private final JdbcTemplate jdbc;
    private final RabbitTemplate rabbit;

    public Shipping(JdbcTemplate jdbc, RabbitTemplate rabbit) {
        this.jdbc = jdbc;
        this.rabbit = rabbit;
    }

    /** Stores once and announces once: the announcement follows the state change. */
    void storeAndAnnounce(String id, String routingKey) {
        String key = routingKey + "/" + id;
        try {
            jdbc.update("INSERT INTO announced (event_key) VALUES (?)", key);
        } catch (DuplicateKeyException alreadyAnnounced) {
            return;
        }
        try {
            announce(id, routingKey);
        } catch (RuntimeException e) {
            jdbc.update("DELETE FROM announced WHERE event_key = ?", key);
            throw e;
        }
    }

    private void announce(String id, String routingKey) {
        CorrelationData correlation = new CorrelationData();
        rabbit.convertAndSend("shipping", routingKey, id, correlation);
        try {
            CorrelationData.Confirm confirm = correlation.getFuture().get(5, TimeUnit.SECONDS);
            if (!confirm.isAck()) {
                throw new IllegalStateException("broker did not confirm " + routingKey + " " + id + ": " + confirm.getReason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the confirm of " + routingKey + " " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no confirm for " + routingKey + " " + id, e);
        }
    }
}
