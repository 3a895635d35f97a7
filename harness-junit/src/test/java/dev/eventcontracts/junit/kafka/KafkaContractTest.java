package dev.eventcontracts.junit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.annotations.EventConsumer;
import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.samples.InventoryConsumers;
import dev.eventcontracts.junit.samples.KafkaSamples;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import org.junit.jupiter.api.Test;

/** A Kafka consumer's contract: read from {@code @EventConsumer(topic = ...)}, checked at build. */
class KafkaContractTest {

    @Test
    void eventConsumerWithTopic_isAKafkaContract_withDeadLetterTopicAndOrder() {
        ConsumerContract contract = ConsumerContract.fromAnnotation(
                        KafkaSamples.AnnotatedNoDedupConsumer.class, "onOrderPlaced")
                .build();

        assertThat(contract.isKafka()).isTrue();
        assertThat(contract.transport()).isEqualTo(ContractScenario.Transport.KAFKA);
        assertThat(contract.topic()).isEqualTo("inventory.orders");
        assertThat(contract.deadLetterQueue()).isEqualTo("inventory.orders.DLT");
        assertThat(contract.orderedBy()).isEqualTo("sku");
        assertThat(contract.idempotencyKey()).isEqualTo("orderId");
    }

    @Test
    void eventConsumerWithQueue_staysAnAmqpContract() {
        ConsumerContract contract = ConsumerContract.fromAnnotation(
                        InventoryConsumers.InventoryConsumer.class, "onOrderPlaced")
                .build();

        assertThat(contract.isKafka()).isFalse();
        assertThat(contract.orderedBy()).isEmpty();
    }

    public static class BothQueueAndTopic {
        @EventConsumer(queue = "orders", topic = "orders")
        public void on(OrderPlaced order) {}
    }

    @Test
    void queueAndTopicTogether_areRefused_namingBoth() {
        assertThatThrownBy(() -> ConsumerContract.fromAnnotation(BothQueueAndTopic.class, "on"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names both queue 'orders' and topic 'orders'");
    }

    @Test
    void kafkaWithRequeueForever_orWithABinding_isRefused() {
        assertThatThrownBy(() -> KafkaSamples.inventory(
                                InventoryConsumers.InventoryConsumer.class,
                                "onOrderPlaced",
                                InventoryConsumers.InventoryFixture.class)
                        .maxAttempts(0)
                        .build())
                .hasMessageContaining("maxAttempts 0; a Kafka record is not requeued");
        assertThatThrownBy(() -> KafkaSamples.inventory(
                                InventoryConsumers.InventoryConsumer.class,
                                "onOrderPlaced",
                                InventoryConsumers.InventoryFixture.class)
                        .binding("orders", "order.placed")
                        .build())
                .hasMessageContaining("Kafka has no exchanges");
    }
}
