package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SmokeConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void publishThenGet_returnsTheMessage(Target target) throws Exception {
        Channel ch = channel(target);
        String q = ch.queueDeclare().getQueue();
        ch.basicPublish("", q, null, "hello".getBytes());
        GetResponse r = ch.basicGet(q, true);
        assertThat(new String(r.getBody())).isEqualTo("hello");
        assertThat(r.getEnvelope().isRedeliver()).isFalse();
    }
}
