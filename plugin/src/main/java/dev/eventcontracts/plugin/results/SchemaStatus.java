package dev.eventcontracts.plugin.results;

/** The verdict on one schema. */
public enum SchemaStatus {
    /** Compatible with every version its level requires. */
    COMPATIBLE,
    /** At least one incompatibility. */
    INCOMPATIBLE,
    /** The subject has no history yet: the schema becomes its first version. */
    NEW_SUBJECT
}
