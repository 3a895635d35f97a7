package com.example.ledger;

import dev.eventcontracts.annotations.EventConsumer;

/** Counts payments — without deduplication (the defect the generated test must catch). */
public class AuditConsumer {
    private final Ledger ledger;

    public AuditConsumer(Ledger ledger) {
        this.ledger = ledger;
    }

    @EventConsumer(queue = "audit.payments", deadLetterQueue = "audit.payments.dlq", idempotencyKey = "paymentId")
    public void onPayment(PaymentReceived payment) {
        synchronized (ledger) {
            ledger.auditedPayments++;
        }
    }
}
