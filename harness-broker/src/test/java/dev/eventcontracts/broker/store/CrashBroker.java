package dev.eventcontracts.broker.store;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.nio.file.Path;

/**
 * The broker process {@link CrashRecoveryTest} kills: a durable harness broker on a free port with
 * small log segments (so compaction runs between the kills), printing its recovery summary and a
 * ready line, then running until killed.
 *
 * <p>Arguments: data directory, segment bytes.
 */
public final class CrashBroker {
    private CrashBroker() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        HarnessBroker broker = HarnessBroker.builder()
                .dataDirectory(Path.of(args[0]))
                .logOptions(LogOptions.DEFAULTS.withSegmentBytes(Long.parseLong(args[1])))
                .build()
                .start();
        System.out.println(
                "crash-broker " + broker.recoveryReport().orElseThrow().summary());
        System.out.println("crash-broker ready port=" + broker.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
