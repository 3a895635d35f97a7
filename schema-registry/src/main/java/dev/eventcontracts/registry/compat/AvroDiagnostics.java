package dev.eventcontracts.registry.compat;

import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Translates Avro's reader/writer incompatibilities into {@link Incompatibility} values with
 * paths, old/new wording and fixes. Where Avro only says a union lacks a branch but the reading
 * union has a branch for the same named type (a nullable record, say), it explains what breaks
 * inside that branch instead.
 */
final class AvroDiagnostics {

    private static final int MAX_UNION_DEPTH = 16;

    private AvroDiagnostics() {}

    static void explain(
            Schema reader,
            String rootLabel,
            SchemaCompatibilityResult result,
            int version,
            Direction direction,
            Collection<Incompatibility> out) {
        explain(SchemaWalker.root(reader, rootLabel), result, version, direction, out, 0);
    }

    private static void explain(
            SchemaWalker.Place start,
            SchemaCompatibilityResult result,
            int version,
            Direction direction,
            Collection<Incompatibility> out,
            int depth) {
        for (SchemaCompatibility.Incompatibility found : result.getIncompatibilities()) {
            List<String> tokens = SchemaWalker.tokens(found.getLocation());
            if (found.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH
                    && depth < MAX_UNION_DEPTH
                    && explainUnionBranch(start, found, tokens, version, direction, out, depth)) {
                continue;
            }
            SchemaWalker.Place place = SchemaWalker.walk(start, tokens);
            if (found.getType() == SchemaIncompatibilityType.TYPE_MISMATCH && endsInDroppedUnionIndex(tokens, place)) {
                out.add(Wording.unionBranchMismatch(
                        found.getReaderFragment(), found.getWriterFragment(), place, version, direction));
                continue;
            }
            out.add(Wording.describe(
                    Wording.kindOf(found.getType()),
                    found.getReaderFragment(),
                    writerBranch(found, tokens),
                    found.getMessage(),
                    place,
                    version,
                    direction));
        }
    }

    /** Avro pointed at a branch of the writing union while the reading type is not a union. */
    private static boolean endsInDroppedUnionIndex(List<String> tokens, SchemaWalker.Place place) {
        if (tokens.isEmpty() || place.schema() == null || place.schema().getType() == Schema.Type.UNION) {
            return false;
        }
        String last = tokens.get(tokens.size() - 1);
        return !last.isEmpty() && last.chars().allMatch(Character::isDigit);
    }

    /** The writer's type that could not be read: a union branch when Avro pointed at one. */
    private static Schema writerBranch(SchemaCompatibility.Incompatibility found, List<String> tokens) {
        Schema writer = found.getWriterFragment();
        if (writer.getType() == Schema.Type.UNION && !tokens.isEmpty()) {
            String last = tokens.get(tokens.size() - 1);
            if (!last.isEmpty() && last.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(last);
                if (index < writer.getTypes().size()) {
                    return writer.getTypes().get(index);
                }
            }
        }
        return writer;
    }

    private static boolean explainUnionBranch(
            SchemaWalker.Place start,
            SchemaCompatibility.Incompatibility found,
            List<String> tokens,
            int version,
            Direction direction,
            Collection<Incompatibility> out,
            int depth) {
        Schema readerUnion = found.getReaderFragment();
        if (readerUnion.getType() != Schema.Type.UNION) {
            return false;
        }
        Schema writer = writerBranch(found, tokens);
        int branch = counterpart(readerUnion, writer);
        if (branch < 0) {
            return false;
        }
        Schema readerBranch = readerUnion.getTypes().get(branch);
        SchemaCompatibilityResult inner = SchemaCompatibility.checkReaderWriterCompatibility(readerBranch, writer)
                .getResult();
        if (inner.getCompatibility() != SchemaCompatibilityType.INCOMPATIBLE
                || inner.getIncompatibilities().isEmpty()) {
            return false;
        }
        List<String> unionTokens = found.getWriterFragment().getType() == Schema.Type.UNION
                ? tokens.subList(0, Math.max(0, tokens.size() - 1))
                : tokens;
        SchemaWalker.Place union = SchemaWalker.walk(start, unionTokens);
        SchemaWalker.Place branchPlace = union.child(Integer.toString(branch), "", readerBranch);
        explain(branchPlace, inner, version, direction, out, depth + 1);
        return true;
    }

    /**
     * The reading union's branch that Avro's resolution would pick for a writer type of the same
     * kind: a named type of the same name (or alias), or an array or map. -1 if none.
     */
    static int counterpart(Schema readerUnion, Schema writer) {
        List<Schema> branches = readerUnion.getTypes();
        for (int i = 0; i < branches.size(); i++) {
            Schema candidate = branches.get(i);
            if (candidate.getType() != writer.getType()) {
                continue;
            }
            switch (writer.getType()) {
                case RECORD, ENUM, FIXED -> {
                    if (candidate.getName().equals(writer.getName())
                            || candidate.getAliases().contains(writer.getFullName())) {
                        return i;
                    }
                }
                case ARRAY, MAP -> {
                    return i;
                }
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }
}
