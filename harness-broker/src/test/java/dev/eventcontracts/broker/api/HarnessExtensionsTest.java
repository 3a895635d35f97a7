package dev.eventcontracts.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.eventcontracts.broker.HarnessBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Behaviour the harness offers beyond RabbitMQ 3.10.8, so there is no oracle half: RabbitMQ
 * refuses {@code x-delivery-limit} on classic queues with 406 (the conformance suite checks the
 * quorum-queue form against RabbitMQ).
 */
class HarnessExtensionsTest {

    @Test
    void deliveryLimit_onAClassicQueue_deadLettersAfterLimitPlusOneDeliveries() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.amqpUri());
            try (Connection c = f.newConnection()) {
                Channel ch = c.createChannel();
                ch.queueDeclare("dlq", false, false, false, null);
                ch.queueDeclare(
                        "work",
                        false,
                        false,
                        false,
                        Map.of(
                                "x-delivery-limit",
                                1,
                                "x-dead-letter-exchange",
                                "",
                                "x-dead-letter-routing-key",
                                "dlq"));
                ch.basicPublish("", "work", null, new byte[] {7});
                for (int attempt = 0; attempt < 2; attempt++) {
                    GetResponse r = awaitGet(ch, "work");
                    assertThat(r.getEnvelope().isRedeliver()).isEqualTo(attempt > 0);
                    ch.basicReject(r.getEnvelope().getDeliveryTag(), true);
                }
                GetResponse dead = awaitGet(ch, "dlq");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> deaths =
                        (List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death");
                assertThat(deaths.get(0).get("reason").toString()).isEqualTo("delivery_limit");
                assertThat(ch.basicGet("work", true)).isNull();
            }
        }
    }

    private static GetResponse awaitGet(Channel ch, String queue) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            got.set(ch.basicGet(queue, false));
            return got.get() != null;
        });
        return got.get();
    }
}
