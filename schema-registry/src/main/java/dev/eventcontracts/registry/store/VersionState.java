package dev.eventcontracts.registry.store;

/** The state of one artifact version, as Apicurio names it. */
public enum VersionState {
    /** A normal version, part of the history rules check against. */
    ENABLED,
    /** A version that is hidden from reads and from rule checks. */
    DISABLED,
    /** A version that is still served, with a deprecation header. */
    DEPRECATED
}
