package dev.eventcontracts.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolHeaderTest {

    @Test
    void amqp091Header_isRecognised() {
        assertThat(ProtocolHeader.isAmqp091(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1}))
                .isTrue();
    }

    @Test
    void otherVersionsAndGarbage_areRejected() {
        assertThat(ProtocolHeader.isAmqp091(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0}))
                .isFalse();
        assertThat(ProtocolHeader.isAmqp091("GET / HT".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(ProtocolHeader.isAmqp091(new byte[] {'A', 'M', 'Q', 'P'})).isFalse();
    }

    @Test
    void amqp091_returnsACopyCallersCannotCorrupt() {
        byte[] header = ProtocolHeader.amqp091();
        header[0] = 'X';
        assertThat(ProtocolHeader.isAmqp091(ProtocolHeader.amqp091())).isTrue();
    }
}
