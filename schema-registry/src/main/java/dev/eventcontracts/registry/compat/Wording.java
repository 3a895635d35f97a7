package dev.eventcontracts.registry.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/** Messages and fix hints in old/new wording: "the new schema" and "v2", never reader/writer. */
final class Wording {

    private Wording() {}

    static IncompatibilityKind kindOf(SchemaIncompatibilityType type) {
        return IncompatibilityKind.valueOf(type.name());
    }

    static Incompatibility describe(
            IncompatibilityKind kind,
            Schema reader,
            Schema writer,
            String avroMessage,
            SchemaWalker.Place place,
            int version,
            Direction direction) {
        Sides s = new Sides(version, direction);
        String[] text = switch (kind) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> missingDefault(s, avroMessage, reader, place);
            case TYPE_MISMATCH -> typeMismatch(s, reader, writer, place);
            case MISSING_ENUM_SYMBOLS -> missingSymbols(s, reader, writer);
            case NAME_MISMATCH -> nameMismatch(s, reader, writer);
            case FIXED_SIZE_MISMATCH -> fixedSize(s, reader, writer);
            case MISSING_UNION_BRANCH -> missingBranch(s, reader, writer, place);
            case NAMESPACE_MISMATCH -> namespace(s, reader, writer);
            case LOGICAL_TYPE_MISMATCH -> logicalType(s, reader, writer, place);
            case INVALID_DEFAULT -> new String[] {avroMessage, "Fix the default."};
        };
        return new Incompatibility(
                kind, place.pointer(), place.path(), version, direction, sentence(text[0]), sentence(text[1]));
    }

    /** A type mismatch against one branch of the writing side's union. */
    static Incompatibility unionBranchMismatch(
            Schema reader, Schema writerBranch, SchemaWalker.Place place, int version, Direction direction) {
        Sides s = new Sides(version, direction);
        String message = "'" + place.path() + "' is " + typeName(reader) + " in " + s.reader() + ", but " + s.writer()
                + " may write " + typeName(writerBranch)
                + " there (a branch of its union), which Avro cannot convert to "
                + typeName(reader) + ".";
        String fix = direction == Direction.NEW_READS_OLD
                ? "Make the type in the new schema a union that has a branch for " + typeName(writerBranch)
                        + " (keep the union of " + s.old() + ")."
                : "Do not widen the type to a union with " + typeName(writerBranch) + ": " + s.old() + " reads it as "
                        + typeName(reader) + ". Keep the type of " + s.old() + ".";
        return new Incompatibility(
                IncompatibilityKind.TYPE_MISMATCH, place.pointer(), place.path(), version, direction, message, fix);
    }

    /** Starts a message with a capital letter. */
    static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "the new schema" / "v2" in the roles of reader and writer. */
    private record Sides(int version, Direction direction) {
        String old() {
            return "v" + version;
        }

        String reader() {
            return direction == Direction.NEW_READS_OLD ? "the new schema" : old();
        }

        String writer() {
            return direction == Direction.NEW_READS_OLD ? old() : "the new schema";
        }

        Schema newSide(Schema reader, Schema writer) {
            return direction == Direction.NEW_READS_OLD ? reader : writer;
        }

        Schema oldSide(Schema reader, Schema writer) {
            return direction == Direction.NEW_READS_OLD ? writer : reader;
        }

        String cannotRead() {
            return reader() + " cannot read data written with " + writer();
        }
    }

    private static String[] missingDefault(Sides s, String fieldName, Schema record, SchemaWalker.Place place) {
        Schema.Field field = record.getField(fieldName);
        String type = field == null ? "T" : typeName(field.schema());
        if (s.direction() == Direction.NEW_READS_OLD) {
            return new String[] {
                "field '" + fieldName + "' was added to " + recordName(record) + " without a default, so "
                        + s.cannotRead() + ", which has no '" + fieldName + "'.",
                addDefaultFix(fieldName, field) + " If it renames a field of " + s.old()
                        + ", add \"aliases\": [\"<old name>\"] to it instead."
            };
        }
        return new String[] {
            "field '" + fieldName + "' (" + type + ") of " + recordName(record)
                    + " is missing from the new schema and has no default in " + s.old() + ", so " + s.cannotRead()
                    + ".",
            "Keep field '" + fieldName
                    + "' in the new schema (mark it deprecated in \"doc\" instead of removing it); a field can only be removed once every version that reads it gives it a default."
        };
    }

    private static String[] typeMismatch(Sides s, Schema reader, Schema writer, SchemaWalker.Place place) {
        Schema newType = s.newSide(reader, writer);
        Schema oldType = s.oldSide(reader, writer);
        return new String[] {
            "'" + place.path() + "' is " + typeName(newType) + " in the new schema but " + typeName(oldType) + " in "
                    + s.old()
                    + ", and Avro cannot convert " + typeName(writer) + " (written by " + s.writer() + ") to "
                    + typeName(reader)
                    + ".",
            "Keep the type " + typeName(oldType)
                    + ", or add a new field with the new type and a default and stop writing the old one. Avro converts only int→long→float→double and string↔bytes."
        };
    }

    private static String[] missingSymbols(Sides s, Schema reader, Schema writer) {
        List<String> missing = new ArrayList<>(writer.getEnumSymbols());
        missing.removeAll(reader.getEnumSymbols());
        String symbols = missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "));
        String name = "enum '" + reader.getName() + "'";
        if (s.direction() == Direction.NEW_READS_OLD) {
            return new String[] {
                name + " in the new schema lacks symbols " + symbols + " that " + s.old() + " may write.",
                "Keep symbols " + symbols + " in the new schema's " + name
                        + ", or give it an enum-level \"default\" symbol (a field default does not help)."
            };
        }
        return new String[] {
            "the new schema adds symbols " + symbols + " to " + name + ", which " + s.old()
                    + " does not know and has no enum-level \"default\" for.",
            "Remove symbols " + symbols + " from the new schema, or first publish a version whose " + name
                    + " declares an enum-level \"default\" and wait until every reader has it (under a transitive level, every previous version needs it)."
        };
    }

    private static String[] nameMismatch(Sides s, Schema reader, Schema writer) {
        String kind = reader.getType().getName();
        Schema newType = s.newSide(reader, writer);
        Schema oldType = s.oldSide(reader, writer);
        String message = kind + " '" + oldType.getFullName() + "' of " + s.old() + " is named '" + newType.getFullName()
                + "' in the new schema, and " + s.reader() + " has no alias for '" + writer.getFullName() + "'.";
        if (s.direction() == Direction.NEW_READS_OLD) {
            return new String[] {
                message,
                "Add \"aliases\": [\"" + oldType.getFullName() + "\"] to " + kind + " '" + newType.getFullName()
                        + "' in the new schema, or keep the name '" + oldType.getFullName() + "'."
            };
        }
        return new String[] {
            message,
            "Keep the name '" + oldType.getFullName()
                    + "': only the reading schema's aliases count, so a rename cannot be read by " + s.old() + "."
        };
    }

    private static String[] fixedSize(Sides s, Schema reader, Schema writer) {
        Schema newType = s.newSide(reader, writer);
        Schema oldType = s.oldSide(reader, writer);
        return new String[] {
            "fixed '" + reader.getName() + "' has size " + newType.getFixedSize() + " in the new schema but "
                    + oldType.getFixedSize() + " in " + s.old() + ".",
            "Keep size " + oldType.getFixedSize() + ", or add a new fixed type of size " + newType.getFixedSize()
                    + " in a new field with a default."
        };
    }

    private static String[] missingBranch(Sides s, Schema reader, Schema writer, SchemaWalker.Place place) {
        if (s.direction() == Direction.NEW_READS_OLD) {
            return new String[] {
                "'" + place.path() + "' in the new schema is " + typeName(reader)
                        + ", which has no branch that can read " + typeName(writer) + " written by " + s.old() + ".",
                "Keep " + typeName(writer)
                        + " as a branch of the union in the new schema (or a type Avro converts it to)."
            };
        }
        return new String[] {
            "'" + place.path() + "' may be " + typeName(writer) + " in the new schema, but in " + s.old() + " it is "
                    + typeName(reader) + ", which has no branch that can read it.",
            "Do not add " + typeName(writer) + " as a new branch or type: " + s.old()
                    + " cannot read it. Keep the types of " + s.old() + "."
        };
    }

    private static String[] namespace(Sides s, Schema reader, Schema writer) {
        Schema newType = s.newSide(reader, writer);
        Schema oldType = s.oldSide(reader, writer);
        return new String[] {
            reader.getType().getName() + " '" + reader.getName() + "' is in namespace '" + ns(newType)
                    + "' in the new schema but '" + ns(oldType) + "' in " + s.old()
                    + "; Avro matches it by simple name, but generated classes and SpecificData do not.",
            "Keep \"namespace\": \"" + ns(oldType) + "\", or add \"aliases\": [\"" + oldType.getFullName()
                    + "\"] and regenerate every consumer."
        };
    }

    private static String[] logicalType(Sides s, Schema reader, Schema writer, SchemaWalker.Place place) {
        Schema newType = s.newSide(reader, writer);
        Schema oldType = s.oldSide(reader, writer);
        return new String[] {
            "'" + place.path() + "' is " + typeName(newType) + " in the new schema but " + typeName(oldType) + " in "
                    + s.old() + "; Avro reads the underlying "
                    + reader.getType().getName() + " and reinterprets the value silently.",
            "Keep " + typeName(oldType) + ", or add a new field with the new logical type and a default."
        };
    }

    private static String ns(Schema named) {
        return named.getNamespace() == null ? "" : named.getNamespace();
    }

    private static String recordName(Schema record) {
        return record.getType() == Schema.Type.RECORD ? "record '" + record.getName() + "'" : typeName(record);
    }

    private static String addDefaultFix(String fieldName, Schema.Field field) {
        Schema type = field == null ? null : field.schema();
        if (type != null && type.getType() == Schema.Type.UNION) {
            Schema first = type.getTypes().get(0);
            if (first.getType() == Schema.Type.NULL) {
                return "Add \"default\": null to field '" + fieldName + "' in the new schema.";
            }
            return "Add a default to field '" + fieldName + "' in the new schema: a " + typeName(first)
                    + " value (the union's first branch), or move \"null\" first and use \"default\": null.";
        }
        return "Give field '" + fieldName + "' a default in the new schema, e.g. \"type\": [\"null\", "
                + jsonType(field) + "], \"default\": null.";
    }

    private static String jsonType(Schema.Field field) {
        if (field == null) {
            return "\"<type>\"";
        }
        Schema schema = field.schema();
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> "\"" + schema.getFullName() + "\"";
            case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, BYTES, STRING ->
                schema.getLogicalType() == null ? "\"" + schema.getType().getName() + "\"" : schema.toString();
            default -> schema.toString();
        };
    }

    /** A short readable type: {@code int}, {@code record 'Customer'}, {@code array<string>}, {@code decimal(10,2)}. */
    static String typeName(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ") on "
                    + schema.getType().getName();
        }
        if (logical != null) {
            return schema.getType().getName() + " (" + logical.getName() + ")";
        }
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getType().getName() + " '" + schema.getName() + "'";
            case ARRAY -> "array<" + typeName(schema.getElementType()) + ">";
            case MAP -> "map<" + typeName(schema.getValueType()) + ">";
            case UNION ->
                "union [" + schema.getTypes().stream().map(Wording::typeName).collect(Collectors.joining(", ")) + "]";
            default -> schema.getType().getName();
        };
    }
}
