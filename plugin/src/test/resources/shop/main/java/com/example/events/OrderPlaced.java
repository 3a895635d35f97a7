package com.example.events;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** Stands in for an Avro-generated class. */
public class OrderPlaced extends SpecificRecordBase {
    public static final Schema SCHEMA$ = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"com.example.events\",\"fields\":[{\"name\":\"orderId\",\"type\":\"string\"}]}");

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return null;
    }

    @Override
    public void put(int field, Object value) {}
}
