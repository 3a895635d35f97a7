package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SASL EXTERNAL chosen by a client that has no verified certificate (here: a plain-TCP
 * connection). The harness offers EXTERNAL only to amqps clients with a certificate (like
 * RabbitMQ's {@code rabbitmq_auth_mechanism_ssl}), and RabbitMQ drops the socket without a
 * {@code connection.close} when a client picks a mechanism it did not offer. The local RabbitMQ has
 * no TLS, so the certificate cases are harness-only ({@code security/TlsTest}).
 */
class ExternalMechanismConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void externalWithoutACertificate_isNotOffered_andChoosingItClosesTheSocket(Target t) throws Exception {
        open(t);
        try (RawClient raw = new RawClient(t.uri())) {
            raw.raw(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            byte[] start = (byte[]) raw.readFrame()[1];
            String offered = new String(start, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(offered).contains("PLAIN AMQPLAIN").doesNotContain("EXTERNAL");
            RawClient.Payload startOk = new RawClient.Payload()
                    .method(10, 11)
                    .table()
                    .shortStr("EXTERNAL")
                    .longStr("")
                    .shortStr("en_US");
            raw.frame(1, 0, startOk.bytes());
            assertThat(raw.awaitConnectionClose())
                    .as("no connection.close, the socket just closes")
                    .isNull();
        }
    }
}
