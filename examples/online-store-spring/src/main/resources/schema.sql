CREATE TABLE IF NOT EXISTS ledger (
    consumer VARCHAR(50) NOT NULL,
    order_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (consumer, order_id)
);
