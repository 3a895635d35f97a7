package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.plugin.schemas.RegistrySelection;
import java.io.File;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The registry parameters every goal that reads the schema registry shares ({@code
 * check-compatibility}, {@code register}, {@code generate-contract-tests}): the committed file
 * store, or a remote Apicurio Registry with credentials from {@code settings.xml}.
 */
public abstract class AbstractRegistryMojo extends AbstractEventContractsMojo {

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

    /** The registry the goal reads (and {@code register} writes): the file store or a remote one. */
    protected RegistrySelection registrySelection() {
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
