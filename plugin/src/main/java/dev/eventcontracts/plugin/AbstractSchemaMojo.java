package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.plugin.schemas.CheckConfig;
import dev.eventcontracts.plugin.schemas.RegistrySelection;
import dev.eventcontracts.plugin.schemas.SubjectRule;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The parameters {@code check-compatibility} and {@code register} share: schemas, subjects, levels, registry. */
public abstract class AbstractSchemaMojo extends AbstractEventContractsMojo {

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
     * {@code FULL_TRANSITIVE}. Default: {@code BACKWARD}.
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

    /**
     * The registry kept as files in the repository (commit it). Used unless {@code registryUrl}
     * is set. Default: {@code src/main/registry}.
     *
     * <pre>{@code
     * <registryDirectory>${project.basedir}/src/main/registry</registryDirectory>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registryDirectory")
    private File registryDirectory;

    /**
     * A remote Apicurio Registry (REST API v2) to use instead of the file store. Credentials never
     * go in the pom: see {@code registryServerId}.
     *
     * <pre>{@code
     * <registryUrl>https://registry.example.com/apis/registry/v2</registryUrl>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registryUrl")
    private String registryUrl;

    /**
     * The id of the {@code settings.xml} {@code <server>} holding the remote registry's
     * credentials: {@code <username>} and {@code <password>} for basic auth, or only {@code
     * <password>} for a bearer token. Encrypted passwords ({@code mvn --encrypt-password}) work.
     *
     * <pre>{@code
     * <registryServerId>schema-registry</registryServerId>
     * <!-- ~/.m2/settings.xml: <servers><server><id>schema-registry</id><username>ci</username><password>…</password></server></servers> -->
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registryServerId")
    private String registryServerId;

    /**
     * The Apicurio group of the subjects. Default: {@code default}.
     *
     * <pre>{@code
     * <registryGroup>orders</registryGroup>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registryGroup")
    private String registryGroup;

    /** The user's settings, for the {@code <server>} named by {@code registryServerId} (read-only). */
    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    /** Decrypts {@code settings.xml} passwords encrypted with {@code mvn --encrypt-password}. */
    @Component
    private SettingsDecrypter decrypter;

    /** The one config record of the schema goals. */
    protected CheckConfig checkConfig() {
        List<SubjectRule> rules = subjects == null
                ? List.of()
                : subjects.stream()
                        .map(s -> new SubjectRule(s.getFile(), s.getName(), s.getLevel()))
                        .toList();
        return new CheckConfig(projectDirectory(), buildDirectory(), path(schemaDirectory), level, rules, registry());
    }

    private RegistrySelection registry() {
        String user = null;
        String password = null;
        if (registryServerId != null && !registryServerId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(registryServerId);
            if (server == null) {
                throw new UserProblemException(
                        "No <server> with id '" + registryServerId
                                + "' in settings.xml (named by <registryServerId>). Add <servers><server><id>"
                                + registryServerId
                                + "</id><username>…</username><password>…</password></server></servers> to ~/.m2/settings.xml.");
            }
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : decrypted.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new UserProblemException(
                            "Cannot decrypt the password of settings.xml <server> '" + registryServerId + "': "
                                    + problem.getMessage() + ". Re-encrypt it with mvn --encrypt-password.");
                }
            }
            Server plain = decrypted.getServer();
            user = plain.getUsername();
            password = plain.getPassword();
        }
        return new RegistrySelection(
                projectDirectory(), path(registryDirectory), registryUrl, registryGroup, user, password);
    }
}
