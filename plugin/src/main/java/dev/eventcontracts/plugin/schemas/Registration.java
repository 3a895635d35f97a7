package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.registry.compat.VersionedSchema;
import dev.eventcontracts.registry.gateway.RegisteredSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The {@code register} core: checks every schema like {@code check-compatibility}, refuses to
 * register anything if one is incompatible, and registers each schema whose canonical form
 * differs from its subject's latest version (so reformatting a file is not a new version).
 */
public final class Registration {

    private final CompatibilityCheck check;

    /** A registration with Avro's compatibility rules. */
    public Registration() {
        this(new CompatibilityCheck());
    }

    /** A registration using the given check. */
    public Registration(CompatibilityCheck check) {
        this.check = check;
    }

    /**
     * Registers the project's changed schemas in the configured registry (a missing file store is created).
     *
     * @param dryRun check and report, write nothing
     * @throws UserProblemException some schema is incompatible, or the registry refuses access
     */
    public RegisterOutcome run(CheckConfig config, boolean dryRun) throws IOException {
        boolean consumers = LevelSpec.parse(config.level()).consumers();
        try (SubjectRegistry registry = GatewayRegistry.open(config.registry(), !dryRun);
                ConsumerReaders readers = consumers ? ConsumerReaders.open(config.registry(), null) : null) {
            return run(config, registry, readers, dryRun);
        }
    }

    /**
     * Registers the project's changed schemas.
     *
     * @param dryRun check and report, write nothing
     * @throws UserProblemException some schema is incompatible (the message lists every incompatibility)
     */
    public RegisterOutcome run(CheckConfig config, SubjectRegistry registry, boolean dryRun) throws IOException {
        return run(config, registry, null, dryRun);
    }

    /**
     * Registers the project's changed schemas, checking the consumer readers too when the level
     * has {@code CONSUMERS}.
     *
     * @param readers the consumer readers, or {@code null} for none
     * @param dryRun check and report, write nothing
     * @throws UserProblemException some schema is incompatible (the message lists every incompatibility)
     */
    public RegisterOutcome run(CheckConfig config, SubjectRegistry registry, ConsumerReaders readers, boolean dryRun)
            throws IOException {
        CheckOutcome checked = check.run(config, registry, readers);
        if (!checked.compatible()) {
            throw new UserProblemException(checked.failureMessage() + System.lineSeparator()
                    + "Nothing was registered. Fix the schemas, or change the subject's <level>.");
        }
        List<LocalSchema> schemas = new SchemaDirectory(config.projectDirectory())
                .load(
                        config.schemaDirectory(),
                        SchemaDirectory.parseLevel(
                                LevelSpec.parse(config.level()).historyLevel(), "<level>"),
                        config.subjects());
        List<String> registered = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (LocalSchema schema : schemas) {
            List<VersionedSchema> history = registry.history(schema.subject());
            if (!history.isEmpty()
                    && sameCanonicalForm(history.get(history.size() - 1).schema(), schema.schema())) {
                unchanged.add(schema.subject());
            } else if (dryRun) {
                registered.add(schema.subject() + " v"
                        + (history.isEmpty()
                                ? 1
                                : history.get(history.size() - 1).version() + 1));
            } else {
                registered.add(schema.subject() + " v" + registry.register(schema.subject(), schema.schema()));
            }
        }
        String line = "event-contracts: " + (dryRun ? "would register " : "registered ") + registered.size()
                + (registered.size() == 1 ? " schema" : " schemas") + ", " + unchanged.size() + " unchanged ("
                + registry.describe() + ")" + (registered.isEmpty() ? "" : ": " + String.join(", ", registered))
                + (dryRun ? " [dryRun]" : "");
        return new RegisterOutcome(List.copyOf(registered), List.copyOf(unchanged), dryRun, checked, line);
    }

    /**
     * Whether two schemas are the same version: equal in Avro's normalized JSON (names, types,
     * defaults, order, aliases, docs and properties), whatever the file's formatting.
     */
    static boolean sameCanonicalForm(Schema a, Schema b) {
        return RegisteredSchema.canonicalForm(a).equals(RegisteredSchema.canonicalForm(b));
    }
}
