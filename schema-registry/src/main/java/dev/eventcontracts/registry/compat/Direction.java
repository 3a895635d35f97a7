package dev.eventcontracts.registry.compat;

/** Which side reads and which side wrote the data in a failed compatibility check. */
public enum Direction {
    /** The new (candidate) schema reads data written with a previous version: BACKWARD. */
    NEW_READS_OLD,
    /** A previous version reads data written with the new (candidate) schema: FORWARD. */
    OLD_READS_NEW
}
