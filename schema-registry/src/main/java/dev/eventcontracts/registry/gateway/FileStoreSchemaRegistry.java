package dev.eventcontracts.registry.gateway;

import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.store.IfExists;
import dev.eventcontracts.registry.store.NewVersion;
import dev.eventcontracts.registry.store.Registered;
import dev.eventcontracts.registry.store.RegistryException;
import dev.eventcontracts.registry.store.RegistryStore;
import dev.eventcontracts.registry.store.RuleType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** {@link SchemaRegistry} over a file store in a directory, without a server. */
final class FileStoreSchemaRegistry implements SchemaRegistry {

    private final RegistryStore store;
    private final String groupId;

    FileStoreSchemaRegistry(Path directory, String groupId) {
        this.groupId = groupId;
        try {
            this.store = RegistryStore.open(directory);
        } catch (RegistryException e) {
            throw new SchemaRegistryException(e.getMessage(), e);
        }
    }

    @Override
    public List<RegisteredSchema> history(String subject) {
        try {
            List<RegisteredSchema> history = new ArrayList<>();
            List<Registered> versions = store.history(groupId, subject);
            for (int i = 0; i < versions.size(); i++) {
                history.add(toSchema(versions.get(i), i + 1));
            }
            return history;
        } catch (RegistryException e) {
            throw translate(e);
        }
    }

    @Override
    public CompatibilityReport test(String subject, Schema candidate, CompatibilityLevel level) {
        try {
            return store.check(groupId, subject, candidate, level);
        } catch (RegistryException e) {
            throw translate(e);
        }
    }

    @Override
    public RegisteredSchema register(String subject, Schema candidate) {
        try {
            List<Registered> history = store.history(groupId, subject);
            if (!history.isEmpty()) {
                Registered latest = history.get(history.size() - 1);
                RegisteredSchema current = toSchema(latest, history.size());
                if (current.canonicalForm().equals(RegisteredSchema.canonicalForm(candidate))) {
                    return current;
                }
            }
            Registered registered =
                    store.create(groupId, subject, "AVRO", NewVersion.of(candidate.toString()), IfExists.UPDATE, false);
            return toSchema(registered, history.size() + 1);
        } catch (RegistryException e) {
            if (e.report().isPresent()) {
                throw new IncompatibleSchemaException(subject, e.report().get());
            }
            throw translate(e);
        }
    }

    @Override
    public void setRule(String subject, CompatibilityLevel level) {
        try {
            store.setArtifactRule(groupId, subject, RuleType.COMPATIBILITY, level.name(), null);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.ARTIFACT_NOT_FOUND) {
                throw new SchemaRegistryException(
                        "Cannot set the " + level + " rule of subject '" + subject + "': it does" + " not exist in "
                                + store.describe() + ". Register its first version, then set the rule.",
                        e);
            }
            throw translate(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private RegisteredSchema toSchema(Registered registered, int position) {
        return RegisteredSchema.of(
                registered.artifact().artifactId(),
                RegistryStore.versionNumber(registered.version(), position),
                registered.version().globalId(),
                registered.version().contentId(),
                store.schema(registered));
    }

    private static SchemaRegistryException translate(RegistryException e) {
        return new SchemaRegistryException(e.getMessage(), e);
    }
}
