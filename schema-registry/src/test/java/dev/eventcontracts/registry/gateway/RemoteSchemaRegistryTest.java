package dev.eventcontracts.registry.gateway;

import dev.eventcontracts.registry.EmbeddedRegistry;
import java.time.Duration;

/** The remote gateway (apicurio-registry-client) against the embedded Apicurio-compatible server. */
class RemoteSchemaRegistryTest extends SchemaRegistryContract {

    private EmbeddedRegistry server;

    @Override
    protected SchemaRegistry open() {
        server = EmbeddedRegistry.builder().build().start();
        return SchemaRegistry.remote(
                RemoteRegistryConfig.of(server.uri()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Override
    protected void cleanUp() {
        server.close();
    }
}
