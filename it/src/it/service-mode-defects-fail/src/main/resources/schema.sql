CREATE TABLE IF NOT EXISTS ledger (
    listener VARCHAR(50) NOT NULL,
    shipment_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (listener, shipment_id)
);
