package dev.eventcontracts.registry.consumers;

import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.Incompatibility;
import dev.eventcontracts.registry.compat.IncompatibilityKind;
import dev.eventcontracts.registry.compat.VersionedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The {@code CONSUMERS} level: checks a writer schema against the reader schemas consumers
 * registered, with Avro's own reader/writer rules (each reader must read what the writer writes),
 * and explains each break in terms of the consumer: its service and version, the field, whether
 * its code reads the field (file:line), and the fix on either side. Immutable and thread-safe.
 */
public final class ConsumerCheck {

    private static final Pattern READER_VERSION = Pattern.compile("\\bv1\\b");

    private final CompatibilityChecker checker = new CompatibilityChecker();

    /** Checks the writer against every reader. */
    public ConsumersReport check(String subject, Schema writer, List<ConsumerContract> readers) {
        List<ConsumerVerdict> verdicts = new ArrayList<>(readers.size());
        for (ConsumerContract reader : readers) {
            verdicts.add(check(subject, writer, reader));
        }
        return new ConsumersReport(subject, verdicts);
    }

    /** Checks the writer against one consumer's reader. */
    public ConsumerVerdict check(String subject, Schema writer, ConsumerContract reader) {
        List<Incompatibility> found = checker.checkVersions(
                        CompatibilityLevel.FORWARD, List.of(new VersionedSchema(1, reader.reader())), writer)
                .incompatibilities();
        List<ConsumerBreak> breaks = new ArrayList<>();
        for (Incompatibility incompatibility : found) {
            if (incompatibility.version() == 1) {
                breaks.add(explain(subject, reader, incompatibility));
            }
        }
        return new ConsumerVerdict(reader, breaks);
    }

    private static ConsumerBreak explain(String subject, ConsumerContract reader, Incompatibility i) {
        String field = fieldPath(i.path());
        Optional<FieldRead> read = reader.readOf(field);
        String who = reader.label();
        String codeReads = read.map(r -> " Its code reads '" + r.field() + "' at " + r.location() + ".")
                .orElse(" Its code does not read '" + field + "'; only its reader schema needs it.");
        String message;
        String consumerFix;
        String producerFix;
        if (i.kind() == IncompatibilityKind.READER_FIELD_MISSING_DEFAULT_VALUE) {
            message = "Consumer " + who + " cannot read subject '" + subject + "': its reader schema needs field '"
                    + field + "' (no default), and the new schema no longer writes it." + codeReads;
            consumerFix = "Give '" + field + "' a default in " + reader.service()
                    + "'s reader schema (e.g. \"type\": [\"null\", …], \"default\": null)"
                    + read.map(r -> ", handle the default at " + r.location()).orElse("")
                    + ", and register its consumer contract again.";
            producerFix = "Keep '" + field + "' in the new schema until every consumer's reader gives it a default.";
        } else {
            message = "Consumer " + who + " cannot read subject '" + subject + "': "
                    + lower(READER_VERSION.matcher(i.message()).replaceAll(reader.service() + "'s reader"))
                    + codeReads;
            consumerFix = consumerFix(i.kind(), field, reader.service());
            producerFix = READER_VERSION.matcher(i.fix()).replaceAll(reader.service() + "'s reader");
        }
        return new ConsumerBreak(
                reader.service(),
                reader.version(),
                subject,
                i.kind(),
                field,
                read.map(FieldRead::location).orElse(null),
                message,
                consumerFix,
                producerFix);
    }

    private static String consumerFix(IncompatibilityKind kind, String field, String service) {
        String reader = service + "'s reader schema";
        return switch (kind) {
            case TYPE_MISMATCH ->
                "Change '" + field + "' in " + reader
                        + " to the new type (or a union with it, or a type Avro promotes it to), then register its"
                        + " consumer contract again.";
            case MISSING_ENUM_SYMBOLS ->
                "Add the new symbols to the enum '" + field + "' in " + reader
                        + ", or give that enum a \"default\" symbol, then register its consumer contract again.";
            case MISSING_UNION_BRANCH ->
                "Add the new branch to the union '" + field + "' in " + reader
                        + ", then register its consumer contract again.";
            case NAME_MISMATCH ->
                "Add the writer's name to \"aliases\" of '" + field + "' in " + reader
                        + ", then register its consumer contract again.";
            case FIXED_SIZE_MISMATCH ->
                "Give the fixed '" + field + "' in " + reader
                        + " the writer's size, then register its consumer contract again.";
            default -> "Update " + reader + " to read the new schema, then register its consumer contract again.";
        };
    }

    /** {@code OrderPlaced.customer.email} → {@code customer.email}. */
    static String fieldPath(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static String lower(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
