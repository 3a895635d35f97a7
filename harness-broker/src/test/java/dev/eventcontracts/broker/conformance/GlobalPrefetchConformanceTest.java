package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Channel-wide prefetch ({@code basic.qos(n, global=true)}) as RabbitMQ 3.10's channel limiter applies it. */
class GlobalPrefetchConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void reachedGlobalLimit_holdsBackNoAckConsumersToo(Target t) throws Exception {
        Channel ch = channel(t);
        ch.basicQos(1, true);
        String q1 = ch.queueDeclare("", false, true, true, null).getQueue();
        String q2 = ch.queueDeclare("", false, true, true, null).getQueue();
        Deliveries acking = Deliveries.consume(ch, q1, false);
        ch.basicPublish("", q1, null, bytes("a"));
        Deliveries.Delivery held = acking.next();
        Deliveries noAck = Deliveries.consume(ch, q2, true);
        ch.basicPublish("", q2, null, bytes("b"));
        noAck.assertNothingWithin(300);
        ch.basicAck(held.tag(), false);
        assertThat(noAck.next().text()).isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void noAckDeliveries_doNotCountTowardsTheLimit(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        Deliveries noAck = Deliveries.consume(ch, q, true);
        ch.basicQos(1, true);
        for (int i = 0; i < 3; i++) {
            ch.basicPublish("", q, null, bytes("m" + i));
        }
        assertThat(noAck.next(3)).extracting(Deliveries.Delivery::text).containsExactly("m0", "m1", "m2");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void limitOfOne_acrossThreeQueues_servesEveryQueue(Target t) throws Exception {
        Channel ch = channel(t);
        ch.basicQos(1, true);
        Deliveries d = new Deliveries(ch);
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String q = ch.queueDeclare("", false, true, true, null).getQueue();
            queues.add(q);
            for (int m = 0; m < 10; m++) {
                ch.basicPublish("", q, null, bytes(q));
            }
            ch.basicConsume(q, false, d);
        }
        // RabbitMQ does not promise strict round-robin between queues under a channel-wide limit
        // (it served one queue six times in a row here), so this asks that no queue is starved:
        // with one unacked message at a time, all 30 arrive, 10 from each queue.
        List<String> from = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Deliveries.Delivery x = d.next();
            from.add(x.text());
            ch.basicAck(x.tag(), false);
        }
        for (String q : queues) {
            assertThat(from)
                    .as("every queue is served, none left behind")
                    .filteredOn(q::equals)
                    .hasSize(10);
        }
    }
}
