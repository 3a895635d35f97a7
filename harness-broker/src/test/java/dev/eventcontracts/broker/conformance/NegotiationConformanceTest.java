package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import dev.eventcontracts.broker.conformance.RawClient.Payload;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connection negotiation and frame-order cases where the harness once differed from RabbitMQ
 * 3.10 (the client's {@code FrameMax}, {@code SaslMechanisms} and {@code UnexpectedFrames.missingMethod}).
 */
class NegotiationConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void frameLargerThan4096_beforeTuneOk_failsTheConnection(Target t) throws Exception {
        open(t).close(); // skips when the oracle is unreachable
        ConnectionFactory f = t.factory();
        Map<String, Object> props = new HashMap<>(f.getClientProperties());
        LongString big = LongStringHelper.asLongString(new byte[4096]);
        props.put("too_long", big);
        f.setClientProperties(props);
        assertThatThrownBy(f::newConnection).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void methodPayloadSentAsContentHeader_is505(Target t) throws Exception {
        open(t).close();
        byte[] declare = new Payload()
                .method(50, 10)
                .u16(0)
                .shortStr("ec-as-header")
                .u8(0)
                .table()
                .bytes();
        try (RawClient raw = new RawClient(t.uri()).open(0)) {
            raw.frame(2, 1, declare);
            RawClient.Close close = raw.awaitConnectionClose();
            assertThat(close).as("connection.close from the server").isNotNull();
            assertThat(close.code()).as("reply code, text: %s", close.text()).isEqualTo(505);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void wrongPassword_withAuthenticationFailureClose_is403(Target t) throws Exception {
        open(t).close();
        ConnectionFactory f = t.factory();
        f.setPassword("not-the-password");
        assertThatThrownBy(f::newConnection)
                .as("the Java client announces authentication_failure_close and gets a 403")
                .isInstanceOf(AuthenticationFailureException.class);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void wrongPassword_withoutAuthenticationFailureClose_justClosesTheSocket(Target t) throws Exception {
        open(t).close();
        try (RawClient raw = new RawClient(t.uri())) {
            raw.raw(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            raw.readFrame(); // connection.start
            Payload startOk = new Payload().method(10, 11).table().shortStr("PLAIN");
            startOk.longStr("\0guest\0not-the-password").shortStr("en_US");
            raw.frame(1, 0, startOk.bytes());
            assertThat(raw.awaitConnectionClose()).as("no connection.close").isNull();
            assertThat(raw.closedByServer()).as("socket closed by the server").isTrue();
        }
    }
}
