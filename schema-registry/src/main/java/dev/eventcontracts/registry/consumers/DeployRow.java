package dev.eventcontracts.registry.consumers;

import java.util.List;

/**
 * One cell of the can-i-deploy matrix: the candidate service and one deployed counterpart on one
 * subject.
 *
 * @param service the deployed counterpart service
 * @param version its deployed version
 * @param subject the subject they share
 * @param role what the counterpart does on the subject
 * @param breaks every break; empty when the pair works
 */
public record DeployRow(String service, String version, String subject, Role role, List<ConsumerBreak> breaks) {

    /** What the deployed counterpart does with the subject. */
    public enum Role {
        /** It consumes what the candidate writes: the candidate's writer against its reader. */
        READS_OUR_WRITER,
        /** It produces what the candidate reads: its writer against the candidate's reader. */
        WRITES_OUR_READER
    }

    /** Copies the list. */
    public DeployRow {
        breaks = List.copyOf(breaks);
    }

    /** {@code OK} or {@code BREAKS}. */
    public String verdict() {
        return breaks.isEmpty() ? "OK" : "BREAKS";
    }

    /** Whether the pair works. */
    public boolean compatible() {
        return breaks.isEmpty();
    }
}
