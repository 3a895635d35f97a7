package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.schemas.CheckConfig;
import dev.eventcontracts.plugin.schemas.SubjectRule;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters {@code check-compatibility} and {@code register} share: schemas, subjects, levels (and the registry). */
public abstract class AbstractSchemaMojo extends AbstractRegistryMojo {

    /**
     * The directory of {@code .avsc} and {@code .avdl} files (searched recursively; a record may
     * use types defined in other files). Default: {@code src/main/avro}.
     *
     * <pre>{@code
     * <schemaDirectory>${project.basedir}/src/main/avro</schemaDirectory>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.schemaDirectory")
    private File schemaDirectory;

    /**
     * The compatibility level of every subject without its own: {@code NONE}, {@code BACKWARD},
     * {@code BACKWARD_TRANSITIVE}, {@code FORWARD}, {@code FORWARD_TRANSITIVE}, {@code FULL},
     * {@code FULL_TRANSITIVE}; add {@code CONSUMERS} (alone or as {@code BACKWARD+CONSUMERS}) to
     * check also against the reader schemas consumers registered. Default: {@code BACKWARD}.
     *
     * <pre>{@code
     * <level>BACKWARD_TRANSITIVE</level>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.level")
    private String level;

    /**
     * Subject names per file and levels per subject. The default subject of a schema is its
     * record's full name (e.g. {@code com.example.OrderPlaced}).
     *
     * <pre>{@code
     * <subjects>
     *   <subject>
     *     <file>order.avsc</file>
     *     <name>orders-value</name>
     *     <level>FULL_TRANSITIVE</level>
     *   </subject>
     * </subjects>
     * }</pre>
     */
    @Parameter
    private List<Subject> subjects;

    /** The one config record of the schema goals. */
    protected CheckConfig checkConfig() {
        List<SubjectRule> rules = subjects == null
                ? List.of()
                : subjects.stream()
                        .map(s -> new SubjectRule(s.getFile(), s.getName(), s.getLevel()))
                        .toList();
        return new CheckConfig(
                projectDirectory(), buildDirectory(), path(schemaDirectory), level, rules, registrySelection());
    }
}
