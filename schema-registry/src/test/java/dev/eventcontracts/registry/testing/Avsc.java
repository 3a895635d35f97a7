package dev.eventcontracts.registry.testing;

import org.apache.avro.Schema;

/** Schemas of the online store's OrderPlaced event, in the versions the tests need. */
public final class Avsc {

    /** Version 1: orderId and amount. */
    public static final String ORDER_V1 = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"amount","type":"double"}]}""";

    /** Adds currency with a default: BACKWARD and FORWARD compatible with v1. */
    public static final String ORDER_V2 = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"currency","type":"string","default":"EUR"}]}""";

    /** Adds customerEmail without a default: not BACKWARD compatible with v1 or v2. */
    public static final String ORDER_BREAKING = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"customerEmail","type":"string"}]}""";

    /** A different event. */
    public static final String SHIPMENT = """
            {"type":"record","name":"ShipmentSent","namespace":"shop","fields":[
              {"name":"shipmentId","type":"string"}]}""";

    private Avsc() {}

    public static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    /** A distinct, valid record schema per index (for bulk tests). */
    public static String numbered(String name, int index) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"bulk\",\"fields\":[{\"name\":\"f" + index
                + "\",\"type\":\"int\"}]}";
    }
}
