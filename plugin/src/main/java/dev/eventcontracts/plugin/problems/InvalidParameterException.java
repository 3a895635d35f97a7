package dev.eventcontracts.plugin.problems;

/** A goal parameter has a value the plugin cannot use. The message names the pom element. */
public final class InvalidParameterException extends UserProblemException {

    private final String element;
    private final String value;

    /**
     * @param element the pom element path, e.g. {@code <failOn>}
     * @param property the user property that sets it, e.g. {@code eventcontracts.failOn}, or null
     * @param value the offending value
     * @param fix what to write instead
     */
    public InvalidParameterException(String element, String property, String value, String fix) {
        super("Invalid value '" + value + "' for " + element + (property == null ? "" : " (-D" + property + ")") + ": "
                + fix);
        this.element = element;
        this.value = value;
    }

    /** The pom element path. */
    public String element() {
        return element;
    }

    /** The offending value. */
    public String value() {
        return value;
    }
}
