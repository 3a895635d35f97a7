package dev.eventcontracts.registry.compat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a new schema against the previous versions of a subject under a {@link
 * CompatibilityLevel}, and explains every break.
 *
 * <p>The verdict for each reader/writer pair is Avro's own {@code
 * SchemaCompatibility.checkReaderWriterCompatibility} (BACKWARD: new reads old, FORWARD: old reads
 * new, FULL: both; {@code _TRANSITIVE}: against every previous version, otherwise only against the
 * latest). Transitive levels aggregate the incompatibilities of every version rather than stopping
 * at the first failing one. The optional {@link CompatibilityOptions strict checks} can only add
 * incompatibilities. Instances are immutable and thread-safe.
 */
public final class CompatibilityChecker {

    private final CompatibilityOptions options;

    /** A checker with Avro's rules only (every strict check off). */
    public CompatibilityChecker() {
        this(CompatibilityOptions.defaults());
    }

    /** A checker with the given strict checks. */
    public CompatibilityChecker(CompatibilityOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options this checker applies. */
    public CompatibilityOptions options() {
        return options;
    }

    /**
     * Checks {@code candidate} against previous versions numbered 1..n.
     *
     * @param previous the previous versions, oldest first; version numbers are their positions from 1
     */
    public CompatibilityReport check(CompatibilityLevel level, List<Schema> previous, Schema candidate) {
        Objects.requireNonNull(previous, "previous");
        List<VersionedSchema> numbered = new ArrayList<>(previous.size());
        for (int i = 0; i < previous.size(); i++) {
            numbered.add(new VersionedSchema(i + 1, Objects.requireNonNull(previous.get(i), "previous schema")));
        }
        return checkVersions(level, numbered, candidate);
    }

    /**
     * Checks {@code candidate} against previous versions carrying their registry's version numbers.
     *
     * @param previous the previous versions, normally oldest first; they are taken in order of
     *     their numbers, so "the latest" is the highest number
     * @throws IllegalArgumentException if two previous versions have the same number
     */
    public CompatibilityReport checkVersions(
            CompatibilityLevel level, List<VersionedSchema> previous, Schema candidate) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(candidate, "candidate");
        Set<Incompatibility> found = new LinkedHashSet<>();
        if (options.checkDefaults()) {
            StrictChecks.invalidDefaults(candidate, found);
        }
        String label = SchemaWalker.rootName(candidate);
        List<VersionedSchema> targets = targets(level, byVersion(previous));
        List<Integer> checked = new ArrayList<>(targets.size());
        for (VersionedSchema target : targets) {
            checked.add(target.version());
            if (level.newReadsOld()) {
                checkPair(candidate, target.schema(), label, target.version(), Direction.NEW_READS_OLD, found);
            }
            if (level.oldReadsNew()) {
                checkPair(target.schema(), candidate, label, target.version(), Direction.OLD_READS_NEW, found);
            }
        }
        return new CompatibilityReport(level, nameOf(candidate), checked, new ArrayList<>(found));
    }

    /** The versions by increasing number ("the latest" is the highest); equal numbers are a caller bug. */
    private static List<VersionedSchema> byVersion(List<VersionedSchema> previous) {
        List<VersionedSchema> sorted = new ArrayList<>(previous);
        sorted.sort(Comparator.comparingInt(VersionedSchema::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new IllegalArgumentException("Previous versions must have distinct numbers, but version '"
                        + sorted.get(i).version() + "' is given twice.");
            }
        }
        return sorted;
    }

    private static List<VersionedSchema> targets(CompatibilityLevel level, List<VersionedSchema> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        return level.transitive() ? previous : List.of(previous.get(previous.size() - 1));
    }

    private void checkPair(
            Schema reader, Schema writer, String label, int version, Direction direction, Set<Incompatibility> found) {
        if (reader == writer) {
            return; // a schema always reads its own data, and has no changes for the strict checks
        }
        SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.INCOMPATIBLE) {
            AvroDiagnostics.explain(reader, label, result, version, direction, found);
        }
        StrictChecks.comparePair(options, reader, writer, label, version, direction, found);
    }

    private static String nameOf(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> schema.getType().getName();
        };
    }
}
