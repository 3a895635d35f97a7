package dev.eventcontracts.registry.gateway;

import dev.eventcontracts.registry.compat.CompatibilityReport;

/** A registration refused because the subject's compatibility rule does not allow the schema. */
public final class IncompatibleSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final transient CompatibilityReport report;

    public IncompatibleSchemaException(String subject, CompatibilityReport report) {
        super("Subject '" + subject + "' refused the new schema: " + report.toText());
        this.subject = subject;
        this.report = report;
    }

    public String subject() {
        return subject;
    }

    /** Every incompatibility, with the fix for each. */
    public CompatibilityReport report() {
        return report;
    }
}
