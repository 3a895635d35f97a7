CREATE TABLE IF NOT EXISTS reservations (
    order_id VARCHAR(100) PRIMARY KEY,
    sku VARCHAR(100) NOT NULL,
    quantity INT NOT NULL
);
