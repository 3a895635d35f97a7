package dev.eventcontracts.plugin.deploy;

import dev.eventcontracts.plugin.schemas.CheckConfig;
import dev.eventcontracts.plugin.schemas.RegistrySelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two-service scenario on disk: order-svc writes shop.OrderPlaced, inventory-svc reads it (its
 * handler reads customerId through a helper method); both share one registry file store.
 */
final class TwoServices {

    static final String SUBJECT = "shop.OrderPlaced";

    static final String WRITER_V1 = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"customerId","type":"string"},
              {"name":"amount","type":"double"}]}
            """;

    static final String WRITER_WITHOUT_CUSTOMER = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"amount","type":"double"}]}
            """;

    static final String READER_CUSTOMER_DEFAULT = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"customerId","type":["null","string"],"default":null},
              {"name":"amount","type":"double"}]}
            """;

    static final String CONSUMER = """
            package com.example.inventory;

            import dev.eventcontracts.annotations.EventConsumer;
            import shop.OrderPlaced;

            public class InventoryConsumer {

                @EventConsumer(queue = "inventory.order-placed", deadLetterQueue = "inventory.order-placed.dlq")
                public void onOrderPlaced(OrderPlaced event) {
                    String id = event.getOrderId();
                    reserve(id, event);
                }

                private void reserve(String id, OrderPlaced order) {
                    String customer = order.getCustomerId();
                    System.out.println(id + customer + order.toString());
                }
            }
            """;

    static final String PAYLOAD = """
            package shop;

            public class OrderPlaced {
                public String getOrderId() { return null; }
                public String getCustomerId() { return null; }
                public double getAmount() { return 0; }
            }
            """;

    final Path registry;
    final String registryUrl;
    final Path order;
    final Path inventory;

    /** Both services on a file store under {@code root}, or on the registry at {@code registryUrl} when not null. */
    TwoServices(Path root, String registryUrl) throws IOException {
        this.registryUrl = registryUrl;
        registry = root.resolve("registry");
        order = root.resolve("order-svc");
        inventory = root.resolve("inventory-svc");
        write(order.resolve("src/main/avro/order.avsc"), WRITER_V1);
        write(inventory.resolve("src/main/avro/order.avsc"), WRITER_V1);
        write(inventory.resolve("src/main/java/com/example/inventory/InventoryConsumer.java"), CONSUMER);
        write(inventory.resolve("src/main/java/shop/OrderPlaced.java"), PAYLOAD);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    CheckConfig check(Path project, String level) {
        return new CheckConfig(
                project,
                project.resolve("target"),
                null,
                level,
                List.of(),
                new RegistrySelection(project, registry, registryUrl, null, null, null));
    }

    DeployConfig deploy(Path project, String service, String version, String environment) {
        return new DeployConfig(
                check(project, null),
                service,
                version,
                List.of(project.resolve("src/main/java")),
                List.of(project.resolve("src/test/java")),
                environment,
                null);
    }
}
