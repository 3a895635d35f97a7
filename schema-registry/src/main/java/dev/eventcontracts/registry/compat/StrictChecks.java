package dev.eventcontracts.registry.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.util.internal.Accessor;

/**
 * The optional checks of {@link CompatibilityOptions}: a walk over a reader/writer pair that
 * matches fields and union branches the way Avro's resolution does, and a scan of the new
 * schema's defaults.
 */
final class StrictChecks {

    private final CompatibilityOptions options;
    private final int version;
    private final Direction direction;
    private final Collection<Incompatibility> out;
    private final Set<Pair> visited = new HashSet<>();

    private record Pair(Schema reader, Schema writer) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pair p && p.reader == reader && p.writer == writer;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(reader), System.identityHashCode(writer));
        }
    }

    private StrictChecks(
            CompatibilityOptions options, int version, Direction direction, Collection<Incompatibility> out) {
        this.options = options;
        this.version = version;
        this.direction = direction;
        this.out = out;
    }

    /** Namespace and logical-type changes between a reading and a writing schema. */
    static void comparePair(
            CompatibilityOptions options,
            Schema reader,
            Schema writer,
            String rootLabel,
            int version,
            Direction direction,
            Collection<Incompatibility> out) {
        if (options.checkNamespaces() || options.checkLogicalTypes()) {
            new StrictChecks(options, version, direction, out)
                    .walk(SchemaWalker.root(reader, rootLabel), reader, writer);
        }
    }

    private void walk(SchemaWalker.Place place, Schema reader, Schema writer) {
        if (reader.getType() == Schema.Type.UNION) {
            List<Schema> writerBranches = writer.getType() == Schema.Type.UNION ? writer.getTypes() : List.of(writer);
            for (Schema branch : writerBranches) {
                int index = branchFor(reader, branch);
                if (index >= 0) {
                    Schema readerBranch = reader.getTypes().get(index);
                    walk(place.child(Integer.toString(index), "", readerBranch), readerBranch, branch);
                }
            }
            return;
        }
        if (writer.getType() == Schema.Type.UNION) {
            for (Schema branch : writer.getTypes()) {
                walk(place, reader, branch);
            }
            return;
        }
        if (options.checkLogicalTypes() && logicalTypesDiffer(reader, writer)) {
            out.add(Wording.describe(
                    IncompatibilityKind.LOGICAL_TYPE_MISMATCH, reader, writer, "", place, version, direction));
        }
        if (reader.getType() != writer.getType() || !visited.add(new Pair(reader, writer))) {
            return;
        }
        switch (reader.getType()) {
            case RECORD -> {
                checkNamespace(place, reader, writer);
                for (Schema.Field field : reader.getFields()) {
                    Schema.Field written = writerField(writer, field);
                    if (written != null) {
                        walk(place.field(field), field.schema(), written.schema());
                    }
                }
            }
            case ENUM, FIXED -> checkNamespace(place, reader, writer);
            case ARRAY ->
                walk(
                        place.child("items", "[]", reader.getElementType()),
                        reader.getElementType(),
                        writer.getElementType());
            case MAP ->
                walk(place.child("values", "{}", reader.getValueType()), reader.getValueType(), writer.getValueType());
            default -> {
                // primitives: nothing below
            }
        }
    }

    private void checkNamespace(SchemaWalker.Place place, Schema reader, Schema writer) {
        if (options.checkNamespaces()
                && reader.getName().equals(writer.getName())
                && !Objects.equals(nullToEmpty(reader.getNamespace()), nullToEmpty(writer.getNamespace()))) {
            out.add(Wording.describe(
                    IncompatibilityKind.NAMESPACE_MISMATCH, reader, writer, "", place, version, direction));
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static Schema.Field writerField(Schema writer, Schema.Field readerField) {
        Schema.Field direct = writer.getField(readerField.name());
        if (direct != null) {
            return direct;
        }
        for (String alias : readerField.aliases()) {
            Schema.Field aliased = writer.getField(alias);
            if (aliased != null) {
                return aliased;
            }
        }
        return null;
    }

    private static int branchFor(Schema readerUnion, Schema writer) {
        int named = AvroDiagnostics.counterpart(readerUnion, writer);
        if (named >= 0) {
            return named;
        }
        List<Schema> branches = readerUnion.getTypes();
        for (int i = 0; i < branches.size(); i++) {
            Schema.Type type = branches.get(i).getType();
            if (type == writer.getType()
                    && type != Schema.Type.RECORD
                    && type != Schema.Type.ENUM
                    && type != Schema.Type.FIXED) {
                return i;
            }
        }
        return -1;
    }

    static boolean logicalTypesDiffer(Schema reader, Schema writer) {
        LogicalType r = reader.getLogicalType();
        LogicalType w = writer.getLogicalType();
        if (r == null || w == null) {
            return r != w;
        }
        if (!r.getName().equals(w.getName())) {
            return true;
        }
        if (r instanceof LogicalTypes.Decimal rd && w instanceof LogicalTypes.Decimal wd) {
            return rd.getPrecision() != wd.getPrecision() || rd.getScale() != wd.getScale();
        }
        return false;
    }

    /**
     * Every default of {@code schema} that does not match its field's type, where a union's
     * default must match the first branch (the Avro specification's rule; Avro's parser accepts
     * any branch). Reported with version 0 as schema errors of the new schema.
     */
    static void invalidDefaults(Schema schema, Collection<Incompatibility> out) {
        scanDefaults(SchemaWalker.root(schema), schema, new IdentityHashMap<>(), out);
    }

    private static void scanDefaults(
            SchemaWalker.Place place, Schema schema, Map<Schema, Boolean> seen, Collection<Incompatibility> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.put(schema, Boolean.TRUE) != null) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    SchemaWalker.Place fieldPlace = place.field(field);
                    if (field.hasDefaultValue()) {
                        checkDefault(fieldPlace, field, out);
                    }
                    scanDefaults(fieldPlace, field.schema(), seen, out);
                }
            }
            case ARRAY ->
                scanDefaults(place.child("items", "[]", schema.getElementType()), schema.getElementType(), seen, out);
            case MAP ->
                scanDefaults(place.child("values", "{}", schema.getValueType()), schema.getValueType(), seen, out);
            case UNION -> {
                for (int i = 0; i < schema.getTypes().size(); i++) {
                    Schema branch = schema.getTypes().get(i);
                    scanDefaults(place.child(Integer.toString(i), "", branch), branch, seen, out);
                }
            }
            default -> {
                // no defaults below primitives, enums and fixed
            }
        }
    }

    private static void checkDefault(
            SchemaWalker.Place fieldPlace, Schema.Field field, Collection<Incompatibility> out) {
        JsonNode value = Accessor.defaultValue(field);
        Schema type = field.schema();
        boolean union = type.getType() == Schema.Type.UNION && !type.getTypes().isEmpty();
        Schema expected = union ? type.getTypes().get(0) : type;
        if (value != null && expected.isValidDefault(value)) {
            return;
        }
        List<String> tokens = fieldPlace.tokens();
        SchemaWalker.Place at =
                new SchemaWalker.Place(List.copyOf(tokens.subList(0, tokens.size() - 1)), fieldPlace.path(), type);
        at = at.child("default", "", null);
        String shown = value == null ? "null" : value.toString();
        String message;
        String fix;
        if (union && type.isValidDefault(value)) {
            message = "the default " + shown + " of field '" + field.name() + "' matches a later branch of "
                    + Wording.typeName(type) + ", but a union's default must match its first branch ("
                    + Wording.typeName(expected) + "); readers that apply the rule fail at run time.";
            fix = "Move the branch the default belongs to first in the union, or change the default to a "
                    + Wording.typeName(expected) + " value.";
        } else {
            message = "the default " + shown + " of field '" + field.name() + "' is not a valid "
                    + Wording.typeName(expected) + ".";
            fix = "Change the default of '" + field.name() + "' to a " + Wording.typeName(expected)
                    + " value, or remove it.";
        }
        out.add(new Incompatibility(
                IncompatibilityKind.INVALID_DEFAULT,
                at.pointer(),
                at.path(),
                0,
                Direction.NEW_READS_OLD,
                Wording.sentence(message),
                fix));
    }
}
