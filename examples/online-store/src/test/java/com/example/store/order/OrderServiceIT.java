package com.example.store.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.store.Orders;
import com.example.store.events.AvroMessages;
import com.example.store.events.OrderPlaced;
import com.example.store.events.RabbitEventPublisher;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The order service publishing through amqp-client to a real AMQP broker: the harness broker the
 * plugin's {@code start} goal started (or any broker named by {@code eventcontracts.amqp.uri}).
 */
class OrderServiceIT {

    @Test
    void placeOrder_overAmqp_reachesAQueueBoundToOrders() throws Exception {
        String uri = System.getProperty("eventcontracts.amqp.uri", "");
        Assumptions.assumeTrue(
                uri.startsWith("amqp"), "no broker: eventcontracts.amqp.uri is '" + uri + "' (start goal skipped?)");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection("order-service-it");
                Channel channel = connection.createChannel()) {
            RabbitEventPublisher publisher =
                    new RabbitEventPublisher(connection.createChannel(), Duration.ofSeconds(5));
            publisher.declareTopicExchange(OrderService.EXCHANGE);
            String queue = "order-service-it-" + UUID.randomUUID();
            channel.queueDeclare(queue, false, true, true, null);
            channel.queueBind(queue, OrderService.EXCHANGE, OrderService.ORDER_PLACED);

            OrderPlaced placed = new OrderService(publisher, Orders.CLOCK, () -> "o-it").placeOrder(Orders.checkout());

            Delivery response = awaitMessage(channel, queue, Duration.ofSeconds(5));
            assertThat(response.getProperties().getContentType()).isEqualTo("application/avro");
            assertThat(response.getProperties().getHeaders().get(AvroMessages.SCHEMA_ID_HEADER))
                    .isEqualTo(AvroMessages.schemaId(OrderPlaced.getClassSchema()));
            assertThat(response.getBody()).isEqualTo(AvroMessages.encode(placed));
        }
    }

    private static Delivery awaitMessage(Channel channel, String queue, Duration timeout) throws Exception {
        BlockingQueue<Delivery> received = new ArrayBlockingQueue<>(1);
        channel.basicConsume(queue, true, (tag, delivery) -> received.offer(delivery), tag -> {});
        Delivery delivery = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(delivery).as("a message on queue '%s' within %s", queue, timeout).isNotNull();
        return delivery;
    }
}
