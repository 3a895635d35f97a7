package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Consumer priorities ({@code x-priority} on {@code basic.consume}), as RabbitMQ 3.10. */
class ConsumerPrioritiesConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void highestPriority_receivesEverything_whileItCanAccept(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        Deliveries high = new Deliveries(ch);
        Deliveries normal = new Deliveries(ch);
        Deliveries low = new Deliveries(ch);
        String highTag = ch.basicConsume(q, true, Map.of("x-priority", 10), high);
        String normalTag = ch.basicConsume(q, true, normal);
        ch.basicConsume(q, true, Map.of("x-priority", -1), low);
        publish(ch, q, "h", 5);
        assertThat(high.next(5)).allMatch(d -> d.text().equals("h"));
        ch.basicCancel(highTag);
        publish(ch, q, "n", 5);
        assertThat(normal.next(5)).allMatch(d -> d.text().equals("n"));
        ch.basicCancel(normalTag);
        publish(ch, q, "l", 5);
        assertThat(low.next(5)).allMatch(d -> d.text().equals("l"));
        high.assertNothingWithin(100);
        normal.assertNothingWithin(0);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void lowerPriority_receives_whenTheHigherIsAtItsPrefetch(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        ch.basicQos(1);
        Deliveries high = new Deliveries(ch);
        Deliveries low = new Deliveries(ch);
        ch.basicConsume(q, false, Map.of("x-priority", 5), high);
        ch.basicConsume(q, false, low);
        publish(ch, q, "m", 2);
        assertThat(high.next().text()).isEqualTo("m");
        assertThat(low.next().text()).as("the high-priority consumer is full").isEqualTo("m");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void priority_thatIsNotAnInteger_is406(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        expectChannelClose(
                () -> ch.basicConsume(q, true, Map.of("x-priority", "banana"), new DefaultConsumer(ch)),
                406,
                60,
                20,
                "PRECONDITION_FAILED - invalid arg 'x-priority' for queue '" + q
                        + "' in vhost '/': \"expected integer, got longstr\"");
        Channel ch2 = channel(t);
        String q2 = ch2.queueDeclare("", false, true, true, null).getQueue();
        expectChannelClose(
                () -> ch2.basicConsume(q2, true, Map.of("x-priority", 1.5), new DefaultConsumer(ch2)),
                406,
                60,
                20,
                "PRECONDITION_FAILED - invalid arg 'x-priority' for queue '" + q2
                        + "' in vhost '/': \"expected integer, got double\"");
    }

    private static void publish(Channel ch, String q, String body, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            ch.basicPublish("", q, null, bytes(body));
        }
    }
}
