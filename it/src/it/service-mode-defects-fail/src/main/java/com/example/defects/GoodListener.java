package com.example.defects;

import java.util.concurrent.TimeUnit;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Right: DLX, DLQ, retry with a recoverer, and one announcement per shipment — recorded in a
 * table (kept over restarts, shared by instances) in one transaction with its confirmed publish.
 */
@Component
public class GoodListener {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RabbitTemplate rabbit;

    public GoodListener(JdbcTemplate jdbc, TransactionTemplate transactions, RabbitTemplate rabbit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rabbit = rabbit;
    }

    @RabbitListener(queues = "shipments.good")
    public void onShipment(Shipment s) {
        s.validate();
        transactions.executeWithoutResult(tx -> {
            try {
                jdbc.update("INSERT INTO ledger (listener, shipment_id) VALUES ('good', ?)", s.shipmentId());
            } catch (DuplicateKeyException alreadyStored) {
                return;
            }
            CorrelationData correlation = new CorrelationData(s.shipmentId());
            rabbit.convertAndSend("shipments", "good.stored", s.shipmentId(), correlation);
            try {
                if (!correlation.getFuture().get(10, TimeUnit.SECONDS).isAck()) {
                    throw new AmqpException("good.stored " + s.shipmentId() + " was not confirmed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AmqpException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AmqpException("no confirm for good.stored " + s.shipmentId(), e);
            }
        });
    }
}
