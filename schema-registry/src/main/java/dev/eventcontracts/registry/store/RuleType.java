package dev.eventcontracts.registry.store;

import java.util.List;
import java.util.Locale;

/** The rule types Apicurio Registry knows, with the configuration values each accepts. */
public enum RuleType {
    /** Compatibility with the previous versions; config is a {@code CompatibilityLevel} name. */
    COMPATIBILITY(List.of(
            "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE")),
    /** Validity of the content itself: JSON syntax only, or a complete Avro schema. */
    VALIDITY(List.of("NONE", "SYNTAX_ONLY", "FULL")),
    /** Integrity of references; the embedded registry stores no references, so it always holds. */
    INTEGRITY(List.of("NONE", "REFS_EXIST", "ALL_REFS_MAPPED", "NO_DUPLICATES", "FULL"));

    private final List<String> configs;

    RuleType(List<String> configs) {
        this.configs = configs;
    }

    /** The configuration values this rule accepts. */
    public List<String> configs() {
        return configs;
    }

    /**
     * Parses a rule type name exactly as Apicurio spells it (case-insensitive).
     *
     * @throws RegistryException of kind {@link RegistryException.Kind#BAD_REQUEST} naming the value
     */
    public static RuleType parse(String text) {
        for (RuleType type : values()) {
            if (type.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new RegistryException(
                RegistryException.Kind.BAD_REQUEST,
                "Unknown rule type '" + text + "'. Use one of: COMPATIBILITY, VALIDITY, INTEGRITY.");
    }

    /**
     * Checks and normalizes a configuration value for this rule.
     *
     * @throws RegistryException of kind {@link RegistryException.Kind#INVALID_PROPERTY_VALUE}
     *     naming the value and the accepted ones
     */
    public String normalizeConfig(String config) {
        String upper =
                config == null ? "" : config.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!configs.contains(upper)) {
            throw new RegistryException(
                    RegistryException.Kind.INVALID_PROPERTY_VALUE,
                    "Invalid configuration '" + config + "' for rule " + name() + ". Use one of: "
                            + String.join(", ", configs) + ".");
        }
        return upper;
    }
}
