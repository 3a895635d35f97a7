package com.example.inventory;

import dev.eventcontracts.annotations.EventConsumer;
import shop.OrderPlaced;

public class InventoryConsumer {

    @EventConsumer(queue = "inventory.order-placed", deadLetterQueue = "inventory.order-placed.dlq")
    public void onOrderPlaced(OrderPlaced event) {
        reserve(event.getOrderId(), event);
    }

    private void reserve(String orderId, OrderPlaced order) {
        String customer = order.getCustomerId();
        System.out.println(orderId + " " + customer);
    }
}
