package dev.eventcontracts.plugin.schemas;

import java.util.List;

/** The project's schemas with their subjects, as {@code check-compatibility} and {@code register} see them. */
public final class ProjectSchemas {

    private ProjectSchemas() {}

    /**
     * Loads the schema directory of a config, sorted by subject.
     *
     * @throws dev.eventcontracts.plugin.problems.UserProblemException a schema file or a level is wrong
     */
    public static List<LocalSchema> load(CheckConfig config) {
        return new SchemaDirectory(config.projectDirectory())
                .load(
                        config.schemaDirectory(),
                        SchemaDirectory.parseLevel(
                                LevelSpec.parse(config.level()).historyLevel(), "<level>"),
                        config.subjects());
    }
}
