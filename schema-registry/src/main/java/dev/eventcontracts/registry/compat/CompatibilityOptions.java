package dev.eventcontracts.registry.compat;

/**
 * Optional checks stricter than Avro's reader/writer rules. All are off by default, so that the
 * verdict is exactly Avro's {@code SchemaCompatibility} verdict.
 *
 * @param checkNamespaces report a named type (record, enum, fixed) whose namespace changed while its
 *     simple name stayed the same ({@link IncompatibilityKind#NAMESPACE_MISMATCH}); Avro ignores
 *     namespaces when it matches names, but generated classes and {@code SpecificData} do not
 * @param checkLogicalTypes report a logical type that was added, removed or changed, including a
 *     decimal's precision or scale ({@link IncompatibilityKind#LOGICAL_TYPE_MISMATCH}); Avro reads
 *     the underlying type and silently reinterprets the value
 * @param checkDefaults report every field default of the new schema that does not match its type,
 *     where a union default must match the union's first branch as the Avro specification says
 *     ({@link IncompatibilityKind#INVALID_DEFAULT}, a schema error with version 0)
 */
public record CompatibilityOptions(boolean checkNamespaces, boolean checkLogicalTypes, boolean checkDefaults) {

    private static final CompatibilityOptions DEFAULTS = new CompatibilityOptions(false, false, false);
    private static final CompatibilityOptions STRICT = new CompatibilityOptions(true, true, true);

    /** Avro's rules only: every strict check off. */
    public static CompatibilityOptions defaults() {
        return DEFAULTS;
    }

    /** Every strict check on. */
    public static CompatibilityOptions strict() {
        return STRICT;
    }

    /** Whether any strict check is on. */
    public boolean anyStrict() {
        return checkNamespaces || checkLogicalTypes || checkDefaults;
    }
}
