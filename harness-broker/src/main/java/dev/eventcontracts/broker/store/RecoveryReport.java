package dev.eventcontracts.broker.store;

import java.nio.file.Path;

/**
 * What a durable broker found in its data directory at start-up.
 *
 * @param directory the data directory
 * @param segments log segments read
 * @param records log records replayed
 * @param exchanges durable exchanges restored
 * @param queues durable queues restored
 * @param bindings bindings restored
 * @param messages persistent messages restored (ready again, flagged redelivered)
 * @param droppedBytes bytes cut off a torn or corrupt tail (0 after a clean stop)
 * @param dropped what was cut off and why, empty when nothing was
 */
public record RecoveryReport(
        Path directory,
        int segments,
        long records,
        int exchanges,
        int queues,
        int bindings,
        long messages,
        long droppedBytes,
        String dropped) {

    /** One line for logs, e.g. {@code recovered queues=2 messages=10 dropped-bytes=0}. */
    public String summary() {
        return "recovered data-dir=" + directory + " segments=" + segments + " records=" + records + " exchanges="
                + exchanges + " queues=" + queues + " bindings=" + bindings + " messages=" + messages
                + " dropped-bytes=" + droppedBytes + (dropped.isEmpty() ? "" : " dropped=\"" + dropped + "\"");
    }
}
