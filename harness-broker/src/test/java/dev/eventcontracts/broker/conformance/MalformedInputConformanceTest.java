package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import dev.eventcontracts.broker.conformance.RawClient.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input closes only the offending connection with the right hard-error code; a
 * connection opened before it keeps working.
 */
class MalformedInputConformanceTest extends ConformanceBase {

    @FunctionalInterface
    private interface Abuse {
        void send(RawClient raw) throws Exception;
    }

    private void expectHardError(Target t, int code, Abuse abuse) throws Exception {
        expectHardError(t, code, abuse, false);
    }

    /**
     * @param oracleDropsSocket RabbitMQ 3.10.8 drops the socket without {@code connection.close}
     *     for this input; the harness sends the close the issue asks for
     */
    private void expectHardError(Target t, int code, Abuse abuse, boolean oracleDropsSocket) throws Exception {
        Channel bystander = channel(t);
        String q = bystander.queueDeclare().getQueue();
        try (RawClient raw = new RawClient(t.uri()).open(0)) {
            abuse.send(raw);
            RawClient.Close close = raw.awaitConnectionClose();
            if (t.oracle() && oracleDropsSocket) {
                assertThat(close)
                        .as("RabbitMQ drops the socket without connection.close")
                        .isNull();
                assertThat(raw.closedByServer())
                        .as("socket closed by the server")
                        .isTrue();
            } else {
                assertThat(close).as("connection.close from the server").isNotNull();
                assertThat(close.code())
                        .as("reply code, text: %s", close.text())
                        .isEqualTo(code);
                raw.frame(1, 0, new Payload().method(10, 51).bytes());
            }
        }
        bystander.basicPublish("", q, null, new byte[] {42});
        assertThat(bystander.basicGet(q, true).getBody()).containsExactly(42);
    }

    private static byte[] queueDeclare(String name) throws Exception {
        return new Payload().method(50, 10).u16(0).shortStr(name).u8(0).table().bytes();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void badFrameEnd_is501(Target t) throws Exception {
        expectHardError(t, 501, raw -> raw.frame(1, 1, queueDeclare("ec-bad-end"), 0x00));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void oversizedFrame_is501(Target t) throws Exception {
        expectHardError(t, 501, raw -> raw.frame(3, 1, new byte[200_000]));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void garbageFieldTable_is501(Target t) throws Exception {
        byte[] garbageTable = new Payload()
                .method(50, 10)
                .u16(0)
                .shortStr("ec-garbage")
                .u8(0)
                .u32(6)
                .raw(new byte[] {3, 'k', 'e', 'y', 'S', 0})
                .bytes();
        expectHardError(t, 501, raw -> raw.frame(1, 1, garbageTable), true);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void contentHeaderWithoutMethod_is505(Target t) throws Exception {
        byte[] header = new Payload().u16(60).u16(0).u64(1).u16(0).bytes();
        expectHardError(t, 505, raw -> raw.frame(2, 1, header));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void bodyWithoutMethod_is505(Target t) throws Exception {
        expectHardError(t, 505, raw -> raw.frame(3, 1, new byte[] {1, 2, 3}));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void methodOnUnopenedChannel_is504(Target t) throws Exception {
        expectHardError(t, 504, raw -> raw.frame(1, 7, queueDeclare("ec-unopened")));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void secondChannelOpen_is504(Target t) throws Exception {
        expectHardError(
                t,
                504,
                raw -> raw.frame(1, 1, new Payload().method(20, 10).shortStr("").bytes()));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void methodWhileContentExpected_is505(Target t) throws Exception {
        byte[] publish = new Payload()
                .method(60, 40)
                .u16(0)
                .shortStr("")
                .shortStr("nowhere")
                .u8(0)
                .bytes();
        expectHardError(t, 505, raw -> {
            raw.frame(1, 1, publish);
            raw.frame(1, 1, queueDeclare("ec-interleaved"));
        });
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unknownFrameType_is501(Target t) throws Exception {
        expectHardError(t, 501, raw -> raw.frame(9, 1, new byte[] {0}));
    }
}
