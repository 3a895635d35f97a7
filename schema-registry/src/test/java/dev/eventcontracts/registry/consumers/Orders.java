package dev.eventcontracts.registry.consumers;

import java.util.List;
import org.apache.avro.Schema;

/** The two-service scenario: order-svc writes shop.OrderPlaced, inventory-svc and shipping-svc read it. */
final class Orders {

    static final String SUBJECT = "shop.OrderPlaced";

    /** The history: orderId, customerId, amount. */
    static final String WRITER_V1 = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"customerId","type":"string"},
              {"name":"amount","type":"double"}]}""";

    /** The producer's change: customerId removed. */
    static final String WRITER_WITHOUT_CUSTOMER = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"amount","type":"double"}]}""";

    /** inventory-svc 1.0.0's reader: needs customerId (no default). */
    static final String READER_NEEDS_CUSTOMER = WRITER_V1;

    /** inventory-svc 1.1.0's reader: customerId has a default. */
    static final String READER_CUSTOMER_DEFAULT = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"customerId","type":["null","string"],"default":null},
              {"name":"amount","type":"double"}]}""";

    /** shipping-svc's reader: only orderId. */
    static final String READER_ORDER_ONLY = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"}]}""";

    static final String INVENTORY_FILE = "src/main/java/com/example/inventory/InventoryConsumer.java";

    private Orders() {}

    static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    static ConsumerContract inventory(String version, String reader) {
        return new ConsumerContract(
                "inventory-svc",
                version,
                SUBJECT,
                parse(reader),
                List.of(new FieldRead("customerId", INVENTORY_FILE, 31), new FieldRead("orderId", INVENTORY_FILE, 30)));
    }

    static ConsumerContract shipping(String version) {
        return new ConsumerContract(
                "shipping-svc",
                version,
                SUBJECT,
                parse(READER_ORDER_ONLY),
                List.of(new FieldRead("orderId", "src/main/java/com/example/shipping/ShippingConsumer.java", 22)));
    }
}
