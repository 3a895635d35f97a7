package dev.eventcontracts.broker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bounded mutation fuzzing of the codec and the connection state machine on in-memory channels
 * (issue 19): no exception escapes, every server frame is well-formed, no 541 INTERNAL_ERROR, and a
 * valid client is served afterwards. The seed is in the message, so a failure can be replayed;
 * {@code FuzzBench} runs the same cases for longer.
 */
class ConnectionFuzzTest {

    @Test
    void mutatedAndSplitFrames_neverEscapeOrInternalError_andAValidClientIsServedAfterwards() {
        long seed = System.nanoTime();
        ConnectionFuzz fuzz = new ConnectionFuzz();

        ConnectionFuzz.Result result = fuzz.run(seed, 3_000, 8_000_000_000L);

        assertThat(result.failures()).as("seed %d", seed).isEmpty();
        assertThat(result.cases()).as("cases run in the time budget").isGreaterThan(200);
        assertThat(result.closedByServer())
                .as("some inputs were refused with a close")
                .isPositive();
        assertThat(fuzz.servesAValidClient())
                .as("queue.declare-ok after %d cases", result.cases())
                .isTrue();
    }
}
