package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What {@code generate-contract-tests} found, written to {@code target/event-contracts/findings.json}
 * for the {@code verify} gate (format version 1).
 *
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param consumers the consumers found, as {@code <class>#<handler>}, sorted
 * @param findings what discovery noticed, in source order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiscoveryFindings(int formatVersion, List<String> consumers, List<Finding> findings) {

    /** The only format version this plugin writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** Lists null-safe and immutable. */
    public DiscoveryFindings {
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
