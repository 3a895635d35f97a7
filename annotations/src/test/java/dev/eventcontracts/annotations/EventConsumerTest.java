package dev.eventcontracts.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class EventConsumerTest {

    static class InvalidOrderException extends RuntimeException {}

    static class SampleConsumer {
        @EventConsumer(
                queue = "inventory.order-placed",
                exchange = "orders",
                routingKey = "order.placed",
                deadLetterQueue = "inventory.order-placed.dlq",
                maxAttempts = 5,
                nonRetryable = InvalidOrderException.class,
                idempotencyKey = "orderId")
        public void onOrderPlaced(Object event) {}

        @EventConsumer(queue = "analytics.order-placed")
        public void minimal(Object event) {}
    }

    @Test
    void annotation_isVisibleAtRuntime_withAllElements() throws Exception {
        Method method = SampleConsumer.class.getMethod("onOrderPlaced", Object.class);
        EventConsumer contract = method.getAnnotation(EventConsumer.class);

        assertThat(contract.queue()).isEqualTo("inventory.order-placed");
        assertThat(contract.exchange()).isEqualTo("orders");
        assertThat(contract.routingKey()).isEqualTo("order.placed");
        assertThat(contract.deadLetterQueue()).isEqualTo("inventory.order-placed.dlq");
        assertThat(contract.maxAttempts()).isEqualTo(5);
        assertThat(contract.nonRetryable()).containsExactly(InvalidOrderException.class);
        assertThat(contract.idempotencyKey()).isEqualTo("orderId");
    }

    @Test
    void minimalAnnotation_hasDefaultsMeaningNoBindingNoDlqThreeAttempts() throws Exception {
        EventConsumer contract =
                SampleConsumer.class.getMethod("minimal", Object.class).getAnnotation(EventConsumer.class);

        assertThat(contract.exchange()).isEmpty();
        assertThat(contract.deadLetterQueue()).isEmpty();
        assertThat(contract.maxAttempts()).isEqualTo(3);
        assertThat(contract.nonRetryable()).isEmpty();
        assertThat(contract.ignoreEffectPaths()).isEmpty();
    }
}
