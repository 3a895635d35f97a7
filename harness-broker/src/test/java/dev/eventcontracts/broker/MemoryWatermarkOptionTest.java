package dev.eventcontracts.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The memory high watermark as a builder option and as {@code --memory-high-watermark}. */
class MemoryWatermarkOptionTest {

    @Test
    void byteCounts_takeRabbitMqUnits_binaryAndDecimal() {
        String f = "--memory-high-watermark";
        assertThat(Main.parseBytes(f, "0")).isZero();
        assertThat(Main.parseBytes(f, "67108864")).isEqualTo(67_108_864L);
        assertThat(Main.parseBytes(f, "64MiB")).isEqualTo(64L << 20);
        assertThat(Main.parseBytes(f, "64M")).isEqualTo(64L << 20);
        assertThat(Main.parseBytes(f, "512k")).isEqualTo(512L << 10);
        assertThat(Main.parseBytes(f, "2GiB")).isEqualTo(2L << 30);
        assertThat(Main.parseBytes(f, "64MB")).isEqualTo(64_000_000L);
        assertThat(Main.parseBytes(f, "5kB")).isEqualTo(5_000L);
        assertThat(Main.parseBytes(f, "1GB")).isEqualTo(1_000_000_000L);
    }

    @Test
    void badByteCount_namesTheValueAndTheAcceptedForms() {
        assertThatThrownBy(() -> Main.parseBytes("--memory-high-watermark", "64 mb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--memory-high-watermark '64 mb' is not a byte count; use e.g.")
                .hasMessageContaining("64MiB or 1GB");
        assertThatThrownBy(() -> Main.parseBytes("--memory-high-watermark", "99999999999GiB"))
                .hasMessageContaining("is too large");
    }

    @Test
    void standaloneFlag_withBadValue_exitsWith2AndUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"--memory-high-watermark", "lots"}, System.out, errStream))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--memory-high-watermark 'lots' is not a byte count")
                .contains("[--memory-high-watermark BYTES]");
    }

    @Test
    void negativeWatermark_isRefusedAtOnce() {
        assertThatThrownBy(() -> HarnessBroker.builder().memoryHighWatermark(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryHighWatermark '-1' is negative; use 0 (flow control off, the default)"
                        + " or a number of bytes, e.g. 67108864");
    }
}
