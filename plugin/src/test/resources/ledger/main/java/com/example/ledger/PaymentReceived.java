package com.example.ledger;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** Written like an Avro-generated class (what avro-maven-plugin would produce from payment-received.avsc). */
public class PaymentReceived extends SpecificRecordBase {
    public static final Schema SCHEMA$ = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"PaymentReceived\",\"namespace\":\"com.example.ledger\",\"fields\":["
                    + "{\"name\":\"paymentId\",\"type\":\"string\"},{\"name\":\"account\",\"type\":\"string\"},"
                    + "{\"name\":\"amountCents\",\"type\":\"long\"}]}");

    private CharSequence paymentId;
    private CharSequence account;
    private long amountCents;

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        switch (field) {
            case 0: return paymentId;
            case 1: return account;
            case 2: return amountCents;
            default: throw new IndexOutOfBoundsException("field " + field);
        }
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0: paymentId = (CharSequence) value; break;
            case 1: account = (CharSequence) value; break;
            case 2: amountCents = (Long) value; break;
            default: throw new IndexOutOfBoundsException("field " + field);
        }
    }

    public String getPaymentId() {
        return paymentId.toString();
    }

    public String getAccount() {
        return account.toString();
    }

    public long getAmountCents() {
        return amountCents;
    }
}
