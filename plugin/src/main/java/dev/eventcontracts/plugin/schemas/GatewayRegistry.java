package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.registry.compat.VersionedSchema;
import dev.eventcontracts.registry.gateway.IncompatibleSchemaException;
import dev.eventcontracts.registry.gateway.RegisteredSchema;
import dev.eventcontracts.registry.gateway.RegistryAccessException;
import dev.eventcontracts.registry.gateway.RemoteRegistryConfig;
import dev.eventcontracts.registry.gateway.SchemaRegistry;
import dev.eventcontracts.registry.gateway.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The schema goals' view of the registry module's gateway ({@link SchemaRegistry}): the committed
 * file store or a remote Apicurio Registry. Access refusals become problems the user fixes in
 * {@code settings.xml}; an unreachable registry is an I/O failure.
 */
final class GatewayRegistry implements SubjectRegistry, AutoCloseable {

    private final RegistrySelection selection;
    private final SchemaRegistry gateway;

    private GatewayRegistry(RegistrySelection selection, SchemaRegistry gateway) {
        this.selection = selection;
        this.gateway = gateway;
    }

    /**
     * Opens the selected registry. A file store that does not exist is only created when {@code
     * forWrite}; for a check it is an empty history (every subject new).
     */
    static SubjectRegistry open(RegistrySelection selection, boolean forWrite) {
        if (selection.remote()) {
            return new GatewayRegistry(selection, SchemaRegistry.remote(remoteConfig(selection)));
        }
        if (!forWrite && !Files.isDirectory(selection.directory())) {
            return new EmptyRegistry(selection.describe() + " (not created yet)");
        }
        return new GatewayRegistry(selection, SchemaRegistry.fileStore(selection.directory(), selection.groupId()));
    }

    /** The remote registry's config: URL, group and credentials of the selection. */
    static RemoteRegistryConfig remoteConfig(RegistrySelection selection) {
        RemoteRegistryConfig config =
                RemoteRegistryConfig.of(parseUrl(selection.url())).withGroupId(selection.groupId());
        if (selection.username() != null && !selection.username().isBlank()) {
            config = config.withBasicAuth(selection.username(), selection.password());
        } else if (selection.password() != null && !selection.password().isBlank()) {
            config = config.withBearerToken(selection.password());
        }
        return config;
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new URISyntaxException(url, "not http or https");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidParameterException(
                    "<registryUrl>",
                    "eventcontracts.registryUrl",
                    url,
                    "give the registry's http(s) URL, e.g. <registryUrl>https://registry.example.com/apis/registry/v2</registryUrl>.");
        }
    }

    @Override
    public List<VersionedSchema> history(String subject) throws IOException {
        return call(() -> gateway.history(subject).stream()
                .map(r -> new VersionedSchema(r.version(), r.schema()))
                .toList());
    }

    @Override
    public int register(String subject, Schema schema) throws IOException {
        try {
            RegisteredSchema registered = call(() -> gateway.register(subject, schema));
            return registered.version();
        } catch (IncompatibleSchemaException e) {
            throw new UserProblemException("The registry " + describe() + " refused subject '" + subject + "': "
                    + e.report().toText() + System.lineSeparator()
                    + "Its compatibility rule is stricter than <level>; align <level> with the registry's rule.");
        }
    }

    @Override
    public String describe() {
        return selection.describe();
    }

    @Override
    public void close() {
        gateway.close();
    }

    private <T> T call(Supplier<T> action) throws IOException {
        try {
            return action.get();
        } catch (RegistryAccessException e) {
            throw new UserProblemException("The registry " + describe() + " refused access (HTTP " + e.status() + "): "
                    + e.getMessage() + ". Put the credentials in settings.xml <servers><server> with the id"
                    + " given in <registryServerId>.");
        } catch (IncompatibleSchemaException e) {
            throw e;
        } catch (SchemaRegistryException e) {
            throw new IOException("Registry " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** A file store that does not exist yet: no subject has history. */
    private record EmptyRegistry(String describe) implements SubjectRegistry {

        @Override
        public List<VersionedSchema> history(String subject) {
            return List.of();
        }

        @Override
        public int register(String subject, Schema schema) {
            throw new IllegalStateException("read-only view of a missing file store");
        }
    }
}
