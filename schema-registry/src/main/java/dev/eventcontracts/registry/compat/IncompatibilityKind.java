package dev.eventcontracts.registry.compat;

/**
 * What kind of break an {@link Incompatibility} is. The first six are Avro's own {@code
 * SchemaIncompatibilityType}s; the last three come only from the optional strict checks.
 */
public enum IncompatibilityKind {
    /** A named type (record, enum, fixed) has a different name and the reading side has no alias for it. */
    NAME_MISMATCH,
    /** A fixed type has a different size. */
    FIXED_SIZE_MISMATCH,
    /** The reading enum lacks symbols the writing side may write, and has no enum-level default. */
    MISSING_ENUM_SYMBOLS,
    /** The reading record has a field the writing side lacks, and the field has no default. */
    READER_FIELD_MISSING_DEFAULT_VALUE,
    /** The types differ and Avro cannot promote the written type to the read type. */
    TYPE_MISMATCH,
    /** The reading union has no branch that can read a type the writing side may write. */
    MISSING_UNION_BRANCH,
    /** Strict: a named type kept its simple name but changed namespace. */
    NAMESPACE_MISMATCH,
    /** Strict: a logical type was added, removed or changed (e.g. decimal precision or scale). */
    LOGICAL_TYPE_MISMATCH,
    /** Strict: a default of the new schema does not match its type (a schema error, not a pair check). */
    INVALID_DEFAULT;

    /** Whether Avro's own checker reports this kind (true) or only a strict option does (false). */
    public boolean fromAvro() {
        return ordinal() <= MISSING_UNION_BRANCH.ordinal();
    }
}
