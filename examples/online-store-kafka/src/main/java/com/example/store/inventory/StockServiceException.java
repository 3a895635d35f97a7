package com.example.store.inventory;

/** The stock service refused a call with an error status; the message is retried. */
public class StockServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the status, the order and the URL. */
    public StockServiceException(String message) {
        super(message);
    }
}
