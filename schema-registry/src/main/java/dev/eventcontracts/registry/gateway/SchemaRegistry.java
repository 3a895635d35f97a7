package dev.eventcontracts.registry.gateway;

import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The schema registry as the build sees it: the history of a subject, a compatibility test, a
 * registration and a rule. Two implementations: a file store in the repository ({@link
 * #fileStore(Path)}) and a real Apicurio Registry ({@link #remote(RemoteRegistryConfig)}). Subjects
 * are Apicurio artifact ids in one group ({@code default} unless configured).
 *
 * <p>Failures are {@link SchemaRegistryException}s: {@link IncompatibleSchemaException} when a
 * rule refuses a schema, {@link RegistryAccessException} for 401/403, {@link
 * RegistryUnavailableException} when the registry cannot be reached or answers nonsense.
 */
public interface SchemaRegistry extends AutoCloseable {

    /** Every enabled version of a subject, oldest first; empty for an unknown subject. */
    List<RegisteredSchema> history(String subject);

    /**
     * Checks a candidate against the subject's history at a level. An unknown subject has no
     * history, so the candidate is a compatible first version.
     */
    CompatibilityReport test(String subject, Schema candidate, CompatibilityLevel level);

    /**
     * Registers a candidate as the subject's next version. Returns the latest version unchanged when
     * its canonical form equals the candidate's.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule refuses it
     */
    RegisteredSchema register(String subject, Schema candidate);

    /**
     * Sets the subject's COMPATIBILITY rule.
     *
     * @throws SchemaRegistryException when the subject does not exist yet (register first)
     */
    void setRule(String subject, CompatibilityLevel level);

    /** Releases connections or files; calling it again does nothing. */
    @Override
    void close();

    /** The registry kept as files in a directory (created if missing), group {@code default}. */
    static SchemaRegistry fileStore(Path directory) {
        return new FileStoreSchemaRegistry(directory, "default");
    }

    /** The registry kept as files in a directory, with subjects in the given group. */
    static SchemaRegistry fileStore(Path directory, String groupId) {
        return new FileStoreSchemaRegistry(directory, groupId);
    }

    /** A real Apicurio Registry (REST API v2) through apicurio-registry-client. */
    static SchemaRegistry remote(RemoteRegistryConfig config) {
        return new RemoteSchemaRegistry(config);
    }
}
