package com.example.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consumers' state, one row per (consumer, order) in the {@code ledger} table (H2 here, the
 * store's database in production). The insert is the duplicate check, so a restarted service and a
 * second instance on the same database both see what was recorded.
 */
@Component
public class Ledger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public Ledger(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Records the order for the consumer; false when it was already recorded (a redelivery). */
    public boolean record(String consumer, String orderId) {
        try {
            jdbc.update("INSERT INTO ledger (consumer, order_id) VALUES (?, ?)", consumer, orderId);
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    /**
     * Records the order and runs {@code effect} in one transaction: when the effect throws (its
     * event was not confirmed), the record is rolled back and the delivery fails. False, without
     * running it, for a redelivery.
     */
    public boolean recordThen(String consumer, String orderId, Runnable effect) {
        Boolean done = transactions.execute(tx -> {
            if (!record(consumer, orderId)) {
                return false;
            }
            effect.run();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }
}
