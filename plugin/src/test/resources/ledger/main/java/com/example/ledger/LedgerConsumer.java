package com.example.ledger;

import dev.eventcontracts.annotations.EventConsumer;

/** Books payments once per payment id. */
public class LedgerConsumer {
    private final Ledger ledger;

    public LedgerConsumer(Ledger ledger) {
        this.ledger = ledger;
    }

    @EventConsumer(
            queue = "ledger.payments",
            deadLetterQueue = "ledger.payments.dlq",
            maxAttempts = 3,
            nonRetryable = InvalidPaymentException.class,
            idempotencyKey = "paymentId")
    public void onPayment(PaymentReceived payment) {
        if (payment.getAmountCents() <= 0) {
            throw new InvalidPaymentException("amount must be positive: " + payment.getAmountCents());
        }
        ledger.beforeWrite();
        if (ledger.booked.add(payment.getPaymentId())) {
            ledger.balances.merge(payment.getAccount(), payment.getAmountCents(), Long::sum);
        }
    }
}
