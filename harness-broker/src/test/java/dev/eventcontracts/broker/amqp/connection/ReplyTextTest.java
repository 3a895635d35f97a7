package dev.eventcontracts.broker.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    @Test
    void textOf255Bytes_isKept() {
        String text = "x".repeat(255);
        assertThat(ReplyText.truncate(text)).isSameAs(text);
    }

    @Test
    void longerText_isCutTo252BytesPlusEllipsis_asRabbitMq() {
        String cut = ReplyText.truncate("RESOURCE_LOCKED - " + "q".repeat(300));
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(cut).startsWith("RESOURCE_LOCKED - qqq").endsWith("q...");
    }

    @Test
    void multiByteCharacter_atTheCut_isNotSplit() {
        String cut = ReplyText.truncate("a" + "é".repeat(200)); // 1 + 400 bytes; byte 252 is mid-character
        assertThat(cut).endsWith("é...");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(cut);
    }
}
