package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code target/event-contracts/can-i-deploy.json}: the {@code can-i-deploy} matrix for the
 * {@code verify} report (format version 1).
 *
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param environment the target environment, e.g. {@code production}
 * @param service this service
 * @param version this service's version
 * @param deployable whether every deployed counterpart works with it
 * @param summary the summary line
 * @param rows one per deployed counterpart and shared subject, sorted by subject, direction, service
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CanIDeployResults(
        int formatVersion,
        String environment,
        String service,
        String version,
        boolean deployable,
        String summary,
        List<Row> rows) {

    /** The can-i-deploy.json format version. */
    public static final int FORMAT_VERSION = 1;

    /** The file name under {@code target/event-contracts}. */
    public static final String FILE_NAME = "can-i-deploy.json";

    /** Lists null-safe and immutable. */
    public CanIDeployResults {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /**
     * One matrix row.
     *
     * @param service the deployed counterpart
     * @param version its deployed version
     * @param subject the shared subject
     * @param direction {@code reads what we write} or {@code writes what we read}
     * @param verdict {@code OK} or {@code BREAKS}
     * @param breaks why it breaks
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(
            String service, String version, String subject, String direction, String verdict, List<Break> breaks) {

        /** Lists null-safe and immutable. */
        public Row {
            breaks = breaks == null ? List.of() : List.copyOf(breaks);
        }
    }

    /**
     * One break.
     *
     * @param consumer the consumer service and version that cannot read
     * @param field the field path
     * @param kind Avro's kind of break
     * @param readAt where the consumer's code reads the field ({@code file:line}), or {@code null}
     * @param message what breaks
     * @param consumerFix the fix in the consumer's reader schema
     * @param producerFix the fix in the writer schema
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Break(
            String consumer,
            String field,
            String kind,
            String readAt,
            String message,
            String consumerFix,
            String producerFix) {}
}
